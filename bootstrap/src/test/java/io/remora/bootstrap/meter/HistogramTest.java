package io.remora.bootstrap.meter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HistogramTest {

    private static final BucketBounds BOUNDS = BucketBounds.ofSeconds(0.005, 0.01, 1);

    @Test
    void snapshotIsCumulativeWithCountAndSumInSeconds() {
        Histogram histogram = new Histogram(BOUNDS);
        histogram.record(0);
        histogram.record(5_000_000); // exactly le="0.005"
        histogram.record(5_000_001);
        histogram.record(1_000_000_000); // exactly le="1"
        histogram.record(2_500_000_000L);
        histogram.record(-7); // a clock stepping back counts as zero

        HistogramSnapshot snapshot = new HistogramSnapshot(BOUNDS);
        histogram.snapshot(snapshot);

        assertEquals(3, snapshot.cumulativeCount(0));
        assertEquals(4, snapshot.cumulativeCount(1));
        assertEquals(5, snapshot.cumulativeCount(2));
        assertEquals(6, snapshot.cumulativeCount(3));
        assertEquals(6, snapshot.count());
        assertEquals(3.510000001, snapshot.sumSeconds(), 1e-12);
    }

    @Test
    void concurrentRecordingLosesNothing() throws Exception {
        Histogram histogram = new Histogram(BOUNDS);
        int threads = 4;
        int perThread = 250_000;
        long[] durations = {1_000, 7_000_000, 10_000_000, 999_999_999, 3_000_000_000L};
        runConcurrently(threads, () -> {
            for (int i = 0; i < perThread; i++) {
                histogram.record(durations[i % durations.length]);
            }
        });

        HistogramSnapshot snapshot = new HistogramSnapshot(BOUNDS);
        histogram.snapshot(snapshot);
        long each = (long) threads * perThread / durations.length;
        assertEquals(each, snapshot.cumulativeCount(0));
        assertEquals(3 * each, snapshot.cumulativeCount(1));
        assertEquals(4 * each, snapshot.cumulativeCount(2));
        assertEquals(5 * each, snapshot.count());
        double sumOfOneRound = (1_000 + 7_000_000 + 10_000_000 + 999_999_999 + 3_000_000_000L) / 1e9;
        assertEquals(sumOfOneRound * each, snapshot.sumSeconds(), 1e-6);
    }

    @Test
    void snapshotsTakenWhileRecordingAreCumulativeAndNeverGoBack() throws Exception {
        Histogram histogram = new Histogram(BOUNDS);
        AtomicBoolean recording = new AtomicBoolean(true);
        AtomicReference<String> inconsistency = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            HistogramSnapshot snapshot = new HistogramSnapshot(BOUNDS);
            long[] previous = new long[BOUNDS.count()];
            double previousSum = 0;
            while (recording.get()) {
                histogram.snapshot(snapshot);
                for (int b = 0; b < BOUNDS.count(); b++) {
                    long count = snapshot.cumulativeCount(b);
                    if (count < previous[b] || b > 0 && count < snapshot.cumulativeCount(b - 1)) {
                        inconsistency.compareAndSet(null, "bucket " + b + " went back or below the one before");
                    }
                    previous[b] = count;
                }
                if (snapshot.count() != snapshot.cumulativeCount(BOUNDS.count() - 1)
                        || snapshot.sumSeconds() < previousSum) {
                    inconsistency.compareAndSet(null, "count or sum inconsistent");
                }
                previousSum = snapshot.sumSeconds();
            }
        });
        reader.start();
        runConcurrently(2, () -> {
            for (int i = 0; i < 300_000; i++) {
                histogram.record(i * 10_000L);
            }
        });
        recording.set(false);
        reader.join();
        assertEquals(null, inconsistency.get());
    }

    @Test
    void snapshotMustBeMadeForTheSameBounds() {
        Histogram histogram = new Histogram(BOUNDS);
        assertThrows(IllegalArgumentException.class,
                () -> histogram.snapshot(new HistogramSnapshot(BucketBounds.ofSeconds(0.005, 0.01, 1))));
    }

    /** Runs {@code work} on {@code threads} threads started together, and waits for them. */
    static void runConcurrently(int threads, Runnable work) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    work.run();
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            thread.start();
            started.add(thread);
        }
        start.countDown();
        for (Thread thread : started) {
            thread.join();
        }
        assertTrue(failure.get() == null, () -> "a recording thread failed: " + failure.get());
    }
}
