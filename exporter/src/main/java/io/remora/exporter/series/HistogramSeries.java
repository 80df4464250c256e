package io.remora.exporter.series;

import io.remora.bootstrap.meter.BucketBounds;
import io.remora.bootstrap.meter.HistogramSnapshot;
import java.util.Arrays;

/**
 * A classic histogram as Prometheus series: {@code _bucket{le}} (cumulative), {@code _sum} and
 * {@code _count}. Its series are registered once and its snapshots written each interval; the one
 * place that turns a {@link HistogramSnapshot} into samples, for the agent's meters and the
 * exporter's own.
 */
public final class HistogramSeries {

    private final Series[] buckets;
    private final Series sum;
    private final Series count;

    private HistogramSeries(Series[] buckets, Series sum, Series count) {
        this.buckets = buckets;
        this.sum = sum;
        this.count = count;
    }

    /**
     * @param labelNamesAndValues the histogram's own labels, alternating names and values
     * @throws InvalidSeriesException if a receiver would reject one of its series
     */
    public static HistogramSeries register(SampleRecorder out, String name, BucketBounds bounds,
            String... labelNamesAndValues) {
        int labels = labelNamesAndValues.length;
        String[] withLe = Arrays.copyOf(labelNamesAndValues, labels + 2);
        withLe[labels] = "le";
        Series[] buckets = new Series[bounds.count()];
        for (int i = 0; i < buckets.length; i++) {
            withLe[labels + 1] = LeFormat.PLAIN.format(bounds.upperBoundSeconds(i));
            buckets[i] = out.series(name + "_bucket", withLe.clone());
        }
        return new HistogramSeries(buckets, out.series(name + "_sum", labelNamesAndValues),
                out.series(name + "_count", labelNamesAndValues));
    }

    /** @param snapshot taken for the bounds this was registered with */
    public void record(SampleRecorder out, HistogramSnapshot snapshot, long timestampMs) {
        for (int i = 0; i < buckets.length; i++) {
            out.record(buckets[i], timestampMs, snapshot.cumulativeCount(i));
        }
        out.record(sum, timestampMs, snapshot.sumSeconds());
        out.record(count, timestampMs, snapshot.count());
    }
}
