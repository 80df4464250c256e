package io.remora.bootstrap.meter;

import java.util.Arrays;

/**
 * The upper bounds of a histogram's buckets, shared by every histogram of a family. Bucket
 * {@code i} counts durations {@code <= bound(i)} (Prometheus' {@code le} is inclusive); the last
 * bucket, {@code count() - 1}, is {@code +Inf}.
 *
 * <p>Finding a bucket costs no search: the duration's bit length indexes a table of the first bucket
 * that can hold it, and at most the few bounds inside that power of two are stepped over.
 */
public final class BucketBounds {

    /** OpenTelemetry's advice for {@code http.server/client.request.duration}. */
    public static final BucketBounds HTTP_DURATION =
            ofSeconds(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10);

    /** OpenTelemetry's advice for {@code db.client.operation.duration}. */
    public static final BucketBounds DB_DURATION =
            ofSeconds(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10);

    private final double[] seconds;
    /** The bounds in nanoseconds, then Long.MAX_VALUE so that the step loop needs no range check. */
    private final long[] nanos;
    /** By bit length of a duration: how many bounds are smaller than any duration of that length. */
    private final int[] firstCandidate = new int[Long.SIZE + 1];

    private BucketBounds(double[] seconds, long[] nanos) {
        this.seconds = seconds;
        this.nanos = nanos;
        for (int bits = 1; bits <= Long.SIZE; bits++) {
            long smallest = 1L << (bits - 1); // bit length 64 is never reached: durations are >= 0
            int below = 0;
            while (below < seconds.length && nanos[below] < smallest) {
                below++;
            }
            firstCandidate[bits] = below;
        }
    }

    /**
     * @param upperBounds finite, not negative, strictly increasing (also once rounded to whole
     *     nanoseconds); {@code +Inf} is implied
     */
    public static BucketBounds ofSeconds(double... upperBounds) {
        double[] seconds = upperBounds.clone();
        long[] nanos = new long[seconds.length + 1];
        for (int i = 0; i < seconds.length; i++) {
            double bound = seconds[i];
            if (!(bound >= 0 && bound * 1e9 < Long.MAX_VALUE)) {
                throw new IllegalArgumentException("bucket bound " + bound + " s is not a duration");
            }
            nanos[i] = Math.round(bound * 1e9);
            if (i > 0 && nanos[i] <= nanos[i - 1]) {
                throw new IllegalArgumentException("bucket bounds must increase: " + Arrays.toString(upperBounds));
            }
        }
        nanos[seconds.length] = Long.MAX_VALUE;
        return new BucketBounds(seconds, nanos);
    }

    /** Buckets, {@code +Inf} included. */
    public int count() {
        return seconds.length + 1;
    }

    /** The {@code le} of bucket {@code i}, {@code +Inf} for the last. */
    public double upperBoundSeconds(int bucket) {
        return bucket == seconds.length ? Double.POSITIVE_INFINITY : seconds[bucket];
    }

    /** @param durationNanos not negative */
    int bucketOf(long durationNanos) {
        int bucket = firstCandidate[Long.SIZE - Long.numberOfLeadingZeros(durationNanos)];
        while (durationNanos > nanos[bucket]) {
            bucket++;
        }
        return bucket;
    }
}
