package io.remora.bootstrap.meter;

/**
 * Durations counted into fixed buckets, with their sum. Recording takes no lock and allocates
 * nothing: it finds the bucket, then adds to the bucket's count and to the sum in the recording
 * thread's stripe.
 */
public final class Histogram {

    private final BucketBounds bounds;
    /** Cells: one count per bucket, then the sum of durations in nanoseconds. */
    private final Stripes stripes;
    private final int sumCell;

    public Histogram(BucketBounds bounds) {
        this.bounds = bounds;
        this.sumCell = bounds.count();
        this.stripes = new Stripes(sumCell + 1);
    }

    /** @param durationNanos a negative duration (a clock stepping back) counts as zero */
    public void record(long durationNanos) {
        long nanos = Math.max(durationNanos, 0L);
        long[] stripe = stripes.current();
        Stripes.add(stripe, bounds.bucketOf(nanos), 1L);
        stripes.addDetectingContention(stripe, sumCell, nanos);
    }

    public BucketBounds bounds() {
        return bounds;
    }

    /**
     * Copies the cumulative bucket counts, count and sum into {@code into} (made for these bounds).
     * The count is the {@code +Inf} bucket's, so the two always agree; every figure only grows from
     * one snapshot to the next. The sum is read after the buckets, so it may already include a
     * duration that was being recorded while they were read.
     */
    public void snapshot(HistogramSnapshot into) {
        long[] cumulative = into.cumulativeCounts(bounds);
        long total = 0;
        for (int bucket = 0; bucket < cumulative.length; bucket++) {
            total += stripes.sum(bucket);
            cumulative[bucket] = total;
        }
        into.sumSeconds = stripes.sum(sumCell) / 1e9;
    }
}
