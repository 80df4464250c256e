package io.remora.exporter;

import io.remora.exporter.batch.Batch;
import io.remora.exporter.ring.RingShards;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The one exporter thread: drains the ring shards into a batch and ships it when it is full or its
 * oldest sample has waited the longest allowed delay. Also reports self-metrics each interval, and
 * serves flush requests from other threads.
 */
final class ExportLoop implements Runnable {

    /** How long the thread sleeps when the ring is empty; bounds the latency a sample adds. */
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final RingShards ring;
    private final Batch batch;
    private final BatchShipper shipper;
    private final Runnable selfReport;
    private final FailureHandler failures;
    private final long maxDelayNanos;
    private final long selfReportIntervalNanos;
    private final AtomicLong flushRequested = new AtomicLong();
    private final AtomicLong flushCompleted = new AtomicLong();
    private volatile boolean stopping;
    private volatile Thread thread;

    ExportLoop(RingShards ring, Batch batch, BatchShipper shipper, Runnable selfReport,
            FailureHandler failures, long maxDelayNanos, long selfReportIntervalNanos) {
        this.failures = failures;
        this.ring = ring;
        this.batch = batch;
        this.shipper = shipper;
        this.selfReport = selfReport;
        this.maxDelayNanos = maxDelayNanos;
        this.selfReportIntervalNanos = selfReportIntervalNanos;
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        long nextSelfReport = System.nanoTime() + selfReportIntervalNanos;
        while (!stopping) {
            try {
                nextSelfReport = cycle(nextSelfReport);
            } catch (RuntimeException | LinkageError e) {
                failures.failed(e, batch);
            }
        }
        try {
            drainEverything();
        } catch (RuntimeException | LinkageError e) {
            failures.failed(e, batch);
        }
        flushCompleted.set(flushRequested.get());
    }

    /** One pass: report, serve a flush, or drain and maybe ship. Returns the next report time. */
    private long cycle(long nextSelfReport) {
        long now = System.nanoTime();
        if (now - nextSelfReport >= 0) {
            nextSelfReport = now + selfReportIntervalNanos;
            selfReport.run();
        }
        long flushTarget = flushRequested.get();
        if (flushTarget != flushCompleted.get()) {
            drainEverything();
            flushCompleted.set(flushTarget);
            return nextSelfReport;
        }
        int drained = ring.drain(batch, batch.remaining());
        if (batch.remaining() == 0 || (!batch.isEmpty() && now - batch.firstAddedNanos() >= maxDelayNanos)) {
            shipper.ship(batch);
        } else if (drained == 0) {
            LockSupport.parkNanos(this, parkNanos(now, nextSelfReport));
        }
        return nextSelfReport;
    }

    /**
     * Ships everything queued before this call, then returns; gives up at the deadline.
     *
     * @return true if everything was handed to the senders in time
     */
    boolean flush(long deadlineNanos) {
        long target = flushRequested.incrementAndGet();
        LockSupport.unpark(thread);
        while (flushCompleted.get() < target) {
            if (System.nanoTime() - deadlineNanos >= 0) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return true;
    }

    /** Ships what is left and ends the loop; the caller joins the thread. */
    void stop() {
        stopping = true;
        LockSupport.unpark(thread);
    }

    /**
     * Ships what the ring holds now. Bounded by the ring's capacity, so producers that keep
     * recording cannot hold a flush or a shutdown here forever.
     */
    private void drainEverything() {
        int budget = ring.capacity();
        while (true) {
            int drained = ring.drain(batch, Math.min(batch.remaining(), budget));
            budget -= drained;
            if (drained == 0 || batch.remaining() == 0) {
                if (!batch.isEmpty()) {
                    shipper.ship(batch);
                }
                if (drained == 0) {
                    return;
                }
            }
        }
    }

    private long parkNanos(long now, long nextSelfReport) {
        long park = IDLE_PARK_NANOS;
        if (!batch.isEmpty()) {
            park = Math.min(park, batch.firstAddedNanos() + maxDelayNanos - now);
        }
        return Math.max(1, Math.min(park, nextSelfReport - now));
    }

    /** Turns a full or overdue batch into a request for every endpoint, and empties it. */
    interface BatchShipper {
        void ship(Batch batch);
    }

    /**
     * Told when a pass failed unexpectedly (a bug, not an endpoint problem); must account for and
     * empty the batch so the loop does not fail on it again.
     */
    interface FailureHandler {
        void failed(Throwable error, Batch batch);
    }
}
