package io.remora.bootstrap.meter;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Durations as a Micrometer timer without a histogram has them: count, sum and a recent maximum,
 * so that a series written from it reads as the application's own would. The maximum decays as
 * Micrometer's does (its default expiry of 2 minutes over 3 buffers): every duration raises three
 * windows, and the reader clears the oldest every {@value #ROTATE_SECONDS} s, so what it reads covers
 * the last 80 to 120 s. Recording takes no lock and allocates nothing.
 */
public final class Timer {

    static final int ROTATE_SECONDS = 40;
    private static final long ROTATE_NANOS = ROTATE_SECONDS * 1_000_000_000L;
    private static final int WINDOWS = 3;
    private static final int COUNT = 0;
    private static final int SUM = 1;

    private final Stripes stripes = new Stripes(2);
    /** The largest duration of each window, in nanoseconds. */
    private final AtomicLongArray max = new AtomicLongArray(WINDOWS);
    /** Window read, and when it became the one read: the reader's alone. */
    private int current;
    private long rotatedAtNanos = System.nanoTime();

    /** @param durationNanos a negative duration (a clock stepping back) counts as zero */
    public void record(long durationNanos) {
        long nanos = Math.max(durationNanos, 0L);
        long[] stripe = stripes.current();
        Stripes.add(stripe, COUNT, 1L);
        stripes.addDetectingContention(stripe, SUM, nanos);
        for (int i = 0; i < WINDOWS; i++) {
            for (long seen = max.get(i); nanos > seen && !max.compareAndSet(i, seen, nanos); seen = max.get(i)) {
                // another thread raised it meanwhile: compare again
            }
        }
    }

    public long count() {
        return stripes.sum(COUNT);
    }

    public double sumSeconds() {
        return stripes.sum(SUM) / 1e9;
    }

    /** The largest duration of the last 80 to 120 s, in seconds; for one reading thread, which rotates the windows. */
    public double maxSeconds(long nowNanos) {
        long behind = (nowNanos - rotatedAtNanos) / ROTATE_NANOS;
        for (long i = 0; i < Math.min(behind, WINDOWS); i++) {
            max.set(current, 0L);
            current = (current + 1) % WINDOWS;
        }
        rotatedAtNanos += behind * ROTATE_NANOS;
        return max.get(current) / 1e9;
    }
}
