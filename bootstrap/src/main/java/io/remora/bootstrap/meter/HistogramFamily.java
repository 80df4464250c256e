package io.remora.bootstrap.meter;

/** A histogram metric: one {@link Histogram} per label set, all with the same bucket bounds. */
public final class HistogramFamily extends MeterFamily<Histogram> {

    private final BucketBounds bounds;

    HistogramFamily(String name, BucketBounds bounds, int maxLabelSets, String... labelNames) {
        super(name, maxLabelSets, labelNames, new Histogram(bounds));
        this.bounds = bounds;
    }

    public BucketBounds bounds() {
        return bounds;
    }

    @Override
    Histogram newMeter() {
        return new Histogram(bounds);
    }
}
