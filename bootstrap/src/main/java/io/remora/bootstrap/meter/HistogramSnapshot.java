package io.remora.bootstrap.meter;

/**
 * A histogram's figures at one moment, filled by {@link Histogram#snapshot}. The exporter's side
 * keeps one per family and reuses it, so taking snapshots allocates nothing.
 */
public final class HistogramSnapshot {

    private final BucketBounds bounds;
    private final long[] cumulativeCounts;
    double sumSeconds;

    public HistogramSnapshot(BucketBounds bounds) {
        this.bounds = bounds;
        this.cumulativeCounts = new long[bounds.count()];
    }

    /** Observations {@code <= bounds.upperBoundSeconds(bucket)}. */
    public long cumulativeCount(int bucket) {
        return cumulativeCounts[bucket];
    }

    /** All observations: the {@code +Inf} bucket. */
    public long count() {
        return cumulativeCounts[cumulativeCounts.length - 1];
    }

    public double sumSeconds() {
        return sumSeconds;
    }

    public BucketBounds bounds() {
        return bounds;
    }

    long[] cumulativeCounts(BucketBounds expected) {
        if (expected != bounds) {
            throw new IllegalArgumentException("snapshot made for other bucket bounds");
        }
        return cumulativeCounts;
    }
}
