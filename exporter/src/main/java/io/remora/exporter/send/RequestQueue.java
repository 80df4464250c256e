package io.remora.exporter.send;

import io.remora.exporter.selfmetrics.DropReason;
import io.remora.exporter.selfmetrics.EndpointMetrics;
import io.remora.exporter.spool.OrphanedSpools;
import io.remora.exporter.spool.Spool;
import io.remora.exporter.spool.SpoolEvents;
import io.remora.exporter.spool.SpoolRecord;
import io.remora.exporter.spool.SpoolSettings;
import io.remora.log.Log;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * An endpoint's requests in the order they were submitted, in memory or in the spool, and the
 * sender's {@link SenderState}: one lock guards both, so a request is never routed by a state that
 * has just changed.
 *
 * <p>With a spool, requests go to disk as soon as the endpoint fails (the first failed attempt) or
 * falls behind (the memory queue is full), and at close. From then on every new request is
 * appended behind them, and the spool is sent, oldest first and without pause, before memory is
 * used again. Without one, a full queue refuses requests and close drops what is left.
 */
final class RequestQueue {

    /** An idle sender wakes this often to force the spool's appends to disk. */
    private static final long IDLE_WAKE_MILLIS = 1_000;

    private final String endpointLabel;
    private final EndpointMetrics metrics;
    private final int capacity;
    private final SpoolEvents spoolEvents = new SpoolEvents() {
        @Override
        public void dropped(DropReason reason, long samples) {
            metrics.dropped(reason, samples);
        }

        @Override
        public void damaged() {
            metrics.spoolDamaged();
        }
    };
    /** Null: requests wait in memory only. */
    private final Spool spool;
    /** Null without a spool. */
    private final Adoption adoption;

    /** Guards the fields below and every use of the spool; notified on every change of either. */
    private final Object lock = new Object();
    private SenderState state = SenderState.RUNNING;
    /** Submitted and not yet taken, oldest first. Empty whenever the spool holds anything. */
    private final ArrayDeque<Request> memory = new ArrayDeque<>();
    /** The request from memory being sent (and retried), or null. */
    private Request sending;

    /**
     * A spool that cannot be opened is reported in one error line, and requests wait in memory
     * only.
     */
    RequestQueue(String endpointLabel, EndpointMetrics metrics, int capacity, SpoolSettings spoolSettings) {
        this.endpointLabel = endpointLabel;
        this.metrics = metrics;
        this.capacity = capacity;
        this.spool = spoolSettings == null ? null : openSpool(spoolSettings);
        this.adoption = spool == null ? null
                : new Adoption(endpointLabel, spool, spoolEvents, new OrphanedSpools(spoolSettings));
    }

    private Spool openSpool(SpoolSettings settings) {
        try {
            Spool opened = Spool.open(settings, spoolEvents);
            metrics.spool(opened);
            return opened;
        } catch (IOException e) {
            Log.error(endpointLabel + ": " + e.getMessage() + "; requests to it wait in memory only");
            return null;
        }
    }

    boolean hasSpool() {
        return spool != null;
    }

    /** False, keeping nothing, when memory is full and there is no spool, or once closed. */
    boolean submit(byte[] body, int sampleCount, long oldestTimestampMs, long newestTimestampMs) {
        synchronized (lock) {
            if (state == SenderState.CLOSED) {
                return false;
            }
            if (spool != null && (!spool.isEmpty() || memory.size() >= capacity)) {
                moveMemoryToSpool();
                spool.append(body, sampleCount, oldestTimestampMs, newestTimestampMs);
            } else if (memory.size() < capacity) {
                memory.addLast(new Request(body, sampleCount, oldestTimestampMs, newestTimestampMs));
            } else {
                return false;
            }
            lock.notifyAll();
            return true;
        }
    }

    /**
     * Waits for the next request to send: the one from memory being retried, else an adopted
     * spool's oldest, else the spool's oldest, else memory's. Null once closed.
     */
    Request take() throws InterruptedException {
        synchronized (lock) {
            while (state != SenderState.CLOSED) {
                Request request = state == SenderState.GIVEN_UP ? null : next();
                if (request != null) {
                    return request;
                }
                if (state == SenderState.GIVEN_UP) {
                    releaseMemory(); // what is submitted after giving up is not sent either
                } else if (spool != null) {
                    spool.syncIfDue();
                }
                lock.notifyAll(); // idle: the spool may have emptied by dropping old records
                lock.wait(IDLE_WAKE_MILLIS);
            }
            return null;
        }
    }

    private Request next() {
        Request request = sending;
        if (request == null && spool != null) {
            request = adoption.next(state == SenderState.RUNNING);
        }
        if (request == null && spool != null) {
            request = Request.oldestOf(spool);
        }
        if (request == null) {
            request = memory.pollFirst();
            sending = request;
        }
        return request;
    }

    /**
     * Settles a request after an attempt: {@code done} (sent or refused for good) removes it from
     * where it waits; a failed one from memory moves to the spool with everything behind it.
     */
    void settle(Request request, boolean done) {
        synchronized (lock) {
            if (!request.fromMemory()) {
                if (done) {
                    request.source.commit(request.record);
                }
            } else if (request.spooled) {
                sending = null; // moved to the spool while in flight: it is the spool's oldest record, unless dropped
                if (done && request.spooledAt >= 0) {
                    commitOldestAt(request.spooledAt);
                }
            } else if (done) {
                sending = null;
            } else if (spool != null) {
                moveMemoryToSpool();
                sending = null;
            }
            lock.notifyAll();
        }
    }

    private void commitOldestAt(long position) {
        SpoolRecord oldest = spool.peek();
        if (oldest != null && oldest.position() == position) {
            spool.commit(oldest);
        }
    }

    /**
     * After a failed attempt: gives the endpoint up unless it is still {@link SenderState#RUNNING}.
     * The request, if from memory, and everything behind it go to the spool for the next run, or
     * without one are dropped.
     *
     * @return true if the endpoint is given up
     */
    boolean giveUp(Request request) {
        synchronized (lock) {
            if (state == SenderState.RUNNING) {
                return false;
            }
            if (state == SenderState.LAST_ATTEMPTS) {
                state = SenderState.GIVEN_UP;
                if (request.fromMemory()) {
                    releaseMemory();
                }
                lock.notifyAll();
            }
            return true;
        }
    }

    /** Waits before a retry; returns early once the state leaves {@link SenderState#RUNNING}. */
    void awaitRetry(Duration delay) throws InterruptedException {
        long deadline = System.nanoTime() + delay.toNanos();
        synchronized (lock) {
            long left;
            while (state == SenderState.RUNNING && (left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
        }
    }

    /** Shutdown's flush begins: see {@link SenderState#LAST_ATTEMPTS}. */
    void stopRetrying() {
        synchronized (lock) {
            state = state.flushing();
            lock.notifyAll();
        }
    }

    /** @return false if it was closed already */
    boolean close() {
        synchronized (lock) {
            if (state == SenderState.CLOSED) {
                return false;
            }
            state = SenderState.CLOSED;
            lock.notifyAll();
            return true;
        }
    }

    /**
     * Waits until everything submitted, and everything a spool holds, has been sent or given up;
     * once closed, what the spool keeps for the next run counts as given up. False if time ran
     * out first.
     */
    boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!idle()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return idle();
                }
            }
            return true;
        }
    }

    private boolean idle() {
        return memory.isEmpty() && sending == null
                && (state.isDone() || spool == null || spool.isEmpty() && !adoption.isSending());
    }

    /** Once closed: what is left goes to the spool, or is dropped without one; the spool is closed. */
    void releaseLeftovers() {
        synchronized (lock) {
            releaseMemory();
            if (spool != null) {
                adoption.close();
                if (!spool.isEmpty()) {
                    Log.info(endpointLabel + ": " + spool.sizeBytes() + " bytes of unsent requests stay in the spool "
                            + spool.directory() + " for the next run");
                }
                spool.close();
            }
            lock.notifyAll();
        }
    }

    /** The request from memory being sent and everything queued go to the spool, or are dropped without one. */
    private void releaseMemory() {
        if (spool != null) {
            moveMemoryToSpool();
            sending = null;
            return;
        }
        if (sending != null) {
            metrics.dropped(DropReason.SHUTDOWN, sending.samples);
            sending = null;
        }
        for (Request queued = memory.pollFirst(); queued != null; queued = memory.pollFirst()) {
            metrics.dropped(DropReason.SHUTDOWN, queued.samples);
        }
    }

    /** Appends the request being sent (unless already there) and every queued one to the spool, oldest first. */
    private void moveMemoryToSpool() {
        if (sending != null) {
            sending.spoolTo(spool);
        }
        for (Request queued = memory.pollFirst(); queued != null; queued = memory.pollFirst()) {
            queued.spoolTo(spool);
        }
    }
}
