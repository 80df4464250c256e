package io.remora.exporter.send;

import io.remora.exporter.selfmetrics.DropReason;
import io.remora.exporter.selfmetrics.EndpointMetrics;
import io.remora.exporter.spool.OrphanedSpools;
import io.remora.exporter.spool.Spool;
import io.remora.exporter.spool.SpoolEvents;
import io.remora.exporter.spool.SpoolRecord;
import io.remora.exporter.spool.SpoolSettings;
import io.remora.log.Log;
import io.remora.log.RateLimitedLog;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Delivers compressed requests to one endpoint, strictly in the order they were submitted, on its
 * own daemon thread, so a slow or dead endpoint never delays another one or the caller.
 *
 * <p>A request that fails in a way worth retrying (5xx, 429, I/O error) is sent again, after a
 * backoff or the receiver's {@code Retry-After}, until it succeeds, is refused, or the sender is
 * closed; nothing behind it overtakes it, because receivers reject out-of-order samples. A request
 * refused with any other status is dropped, counted by status and logged. Nothing thrown here ever
 * reaches the caller's thread.
 *
 * <p>With a spool, requests go to disk as soon as the endpoint fails (the first failed attempt) or
 * falls behind (the memory queue is full), and at close. From then on every new request is
 * appended behind them, and the spool is sent, oldest first and without pause, before memory is
 * used again. Without one, a full queue refuses requests and close drops what is left.
 *
 * <p>At shutdown ({@link #stopRetrying}) an endpoint that is down must not hold the JVM's exit:
 * each request then gets one more attempt, and after the first that fails nothing more is sent:
 * what is left goes to the spool, or without one is counted as dropped for shutdown.
 */
public final class EndpointSender implements AutoCloseable {

    private static final long LOG_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** How long close() waits for the thread; an attempt in flight is ended by closing the client. */
    private static final long CLOSE_JOIN_MILLIS = 2_000;
    /** An idle sender wakes this often to force the spool's appends to disk. */
    private static final long IDLE_WAKE_MILLIS = 1_000;
    /** How often the spools of processes that are gone are looked for, beside the first look at start. */
    private static final long ADOPTION_SCAN_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final String endpointLabel;
    private final EndpointMetrics metrics;
    private final RemoteWriteClient client;
    private final Backoff backoff;
    private final int queueCapacity;
    /** Null: requests wait in memory only. */
    private final Spool spool;
    /** Null without a spool. */
    private final OrphanedSpools orphans;
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
    private final RateLimitedLog retryLog = new RateLimitedLog(Log.Level.WARN, LOG_PERIOD_NANOS);
    private final RateLimitedLog rejectLog = new RateLimitedLog(Log.Level.ERROR, LOG_PERIOD_NANOS);
    private final Thread thread;

    /**
     * Guards the fields below and every use of the spool; notified when work arrives, when a
     * request is finished, and at close.
     */
    private final Object lock = new Object();
    /** Submitted and not yet taken by the thread, oldest first. Empty whenever the spool holds anything. */
    private final ArrayDeque<Request> memory = new ArrayDeque<>();
    /** The request from memory being sent, or null. */
    private Request inFlight;
    /**
     * True only while the thread waits on the network or a backoff: close() interrupts it then and
     * never during spool I/O, where an interrupt would close the spool's files.
     */
    private boolean interruptible;
    private boolean closed;
    /** The spool of a process that is gone, being sent before this one's own requests; or null. */
    private Spool adopted;
    private long nextAdoptionScan = System.nanoTime();
    /** Set by stopRetrying: one attempt per request from now on. */
    private boolean lastAttempts;
    /** An attempt failed after stopRetrying: nothing more is sent. */
    private boolean givenUp;

    /**
     * Reads the endpoint's secret files and starts the sender's thread; requests wait in memory.
     *
     * @throws IllegalArgumentException when a secret or CA file cannot be used; the message names
     *     the setting and the path, never the secret
     */
    public EndpointSender(EndpointConfig config, EndpointMetrics metrics) {
        this(config, metrics, null, new Random());
    }

    /**
     * As {@link #EndpointSender(EndpointConfig, EndpointMetrics)}, with requests waiting on disk in
     * a spool with these settings. A spool that cannot be opened is reported in one error line, and
     * the sender keeps requests in memory only.
     */
    public EndpointSender(EndpointConfig config, EndpointMetrics metrics, SpoolSettings spool) {
        this(config, metrics, spool, new Random());
    }

    EndpointSender(EndpointConfig config, EndpointMetrics metrics, SpoolSettings spoolSettings, Random jitter) {
        this.endpointLabel = config.endpointLabel();
        this.metrics = metrics;
        String hostPort = config.url().getHost() + ":" + HttpRoute.portOf(config.url());
        this.client = new RemoteWriteClient(config);
        this.backoff = new Backoff(config.minBackoff(), config.maxBackoff(), jitter);
        this.queueCapacity = config.queueCapacity();
        this.spool = spoolSettings == null ? null : openSpool(spoolSettings);
        this.orphans = spool == null ? null : new OrphanedSpools(spoolSettings);
        this.thread = new Thread(this::run, "remora-sender-" + hostPort);
        thread.setDaemon(true);
        thread.start();
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

    /** The endpoint's URL without user-info or query string: safe for logs and metric labels. */
    public String endpointLabel() {
        return endpointLabel;
    }

    public EndpointMetrics metrics() {
        return metrics;
    }

    /**
     * Queues one snappy-compressed WriteRequest whose samples lie between the two timestamps.
     * Returns false, and keeps nothing, when the memory queue is full and there is no spool, or the
     * sender is closed: the caller counts those samples as dropped. A request the spool cannot
     * keep is counted by the spool.
     */
    public boolean submit(byte[] body, int sampleCount, long oldestTimestampMs, long newestTimestampMs) {
        Request request = new Request(body, sampleCount, oldestTimestampMs, newestTimestampMs, null, null);
        synchronized (lock) {
            if (closed) {
                return false;
            }
            if (spool != null && (!spool.isEmpty() || memory.size() >= queueCapacity)) {
                moveMemoryToSpool();
                spool.append(body, sampleCount, oldestTimestampMs, newestTimestampMs);
            } else if (memory.size() < queueCapacity) {
                memory.addLast(request);
            } else {
                return false;
            }
            lock.notifyAll();
            return true;
        }
    }

    /**
     * Waits until everything submitted, and everything a spool holds, has been sent or given up;
     * after close, what the spool keeps for the next run counts as given up. False if time ran
     * out first.
     */
    public boolean awaitIdle(Duration timeout) {
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
        return memory.isEmpty() && inFlight == null
                && (closed || givenUp || spool == null || spool.isEmpty() && adopted == null);
    }

    /**
     * From now on no request is retried: each gets one more attempt (a backoff wait in progress
     * ends at once), and after the first attempt that fails, the endpoint is given up. Lets a
     * shutdown flush finish quickly when the endpoint is down, while a healthy endpoint still gets
     * everything.
     */
    public void stopRetrying() {
        synchronized (lock) {
            lastAttempts = true;
            lock.notifyAll();
        }
    }

    /**
     * Stops sending. What is still queued or being retried goes to the spool for the next run or,
     * without one, is counted as dropped at shutdown.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            if (interruptible) {
                thread.interrupt();
            }
            lock.notifyAll();
        }
        client.close(); // the interrupt does not end an HTTP exchange: this does, and no new one starts
        // the spool's files are closed by an interrupt of the thread using them: keep the caller's for later
        boolean interrupted = Thread.interrupted();
        try {
            thread.join(CLOSE_JOIN_MILLIS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        synchronized (lock) {
            releaseLeftovers();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        int failures = 0;
        try {
            for (Request request = next(); request != null; request = next()) {
                SendOutcome outcome = attempt(request);
                boolean done = outcome.kind() != SendOutcome.Kind.RETRYABLE;
                if (!done && giveUpAtShutdown(request, outcome)) {
                    continue;
                }
                Duration delay = null;
                if (!done) {
                    metrics.retried(request.samples);
                    delay = delayBefore(failures, outcome.retryAfter());
                    retryLog.log("remote write to " + endpointLabel + " failed (" + describe(outcome) + "), retry "
                            + (failures + 1) + " in " + delay.toMillis() + " ms");
                }
                if (!finish(request, done)) {
                    return;
                }
                if (done) {
                    failures = 0;
                } else {
                    failures++;
                    backOff(delay);
                }
            }
        } catch (InterruptedException e) {
            // close() interrupted a send or a backoff, and takes care of what is left
        } catch (Throwable e) {
            Log.error("sender for " + endpointLabel + " stopped, samples to it are dropped from now on: " + e);
            synchronized (lock) {
                closed = true;
                releaseLeftovers();
            }
        }
    }

    /**
     * After stopRetrying, a failed attempt gives the endpoint up: the request and everything
     * behind it go to the spool for the next run, or without one are dropped.
     *
     * @return true if the endpoint was given up
     */
    private boolean giveUpAtShutdown(Request request, SendOutcome outcome) {
        synchronized (lock) {
            if (!lastAttempts) {
                return false;
            }
            givenUp = true;
            interruptible = false;
            if (request.record == null) {
                releaseMemory();
            }
            lock.notifyAll();
        }
        Log.warn("remote write to " + endpointLabel + " failed at shutdown (" + describe(outcome) + "): giving up; "
                + (spool == null ? "what is still queued for it is dropped" : "what is left stays in the spool"));
        return true;
    }

    /** Waits before a retry; returns early when stopRetrying asks for the last attempt now, or at close. */
    private void backOff(Duration delay) throws InterruptedException {
        long deadline = System.nanoTime() + delay.toNanos();
        synchronized (lock) {
            long left;
            while (!lastAttempts && !closed && (left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
        }
    }

    /** The next request to send: the one being retried, else the spool's oldest, else memory's. Null once closed. */
    private Request next() throws InterruptedException {
        synchronized (lock) {
            interruptible = false;
            Thread.interrupted(); // an interrupt meant for a backoff that had just ended: closed says the rest
            while (!closed) {
                if (givenUp) {
                    releaseMemory(); // what is submitted after giving up is not sent either
                    lock.notifyAll();
                    lock.wait(IDLE_WAKE_MILLIS);
                    continue;
                }
                Request request = inFlight;
                if (request == null && spool != null) {
                    request = fromAdoptedSpool();
                }
                if (request == null && spool != null) {
                    request = Request.from(spool, spool.peek());
                }
                if (request == null) {
                    request = memory.pollFirst();
                    inFlight = request;
                }
                if (request != null) {
                    interruptible = true;
                    return request;
                }
                lock.notifyAll(); // idle: the spool may have emptied by dropping old records
                if (spool != null) {
                    spool.syncIfDue();
                }
                lock.wait(IDLE_WAKE_MILLIS);
            }
            return null;
        }
    }

    /**
     * The oldest record of a spool left by a process that is gone, looked for at start and every
     * {@link #ADOPTION_SCAN_NANOS}: its data is older than anything here, and nothing else would
     * ever send it. Null when there is none, or at shutdown (it stays for the next run).
     */
    private Request fromAdoptedSpool() {
        if (adopted == null && !lastAttempts && System.nanoTime() - nextAdoptionScan >= 0) {
            nextAdoptionScan = System.nanoTime() + ADOPTION_SCAN_NANOS;
            try {
                adopted = orphans.adoptOne(spool.directory(), spoolEvents);
            } catch (IOException e) {
                Log.warn(endpointLabel + ": cannot adopt a spool left by a process that is gone: " + e.getMessage());
            }
            if (adopted != null) {
                Log.info(endpointLabel + ": sending the spool " + adopted.directory() + " (" + adopted.sizeBytes()
                        + " bytes), left by a process that is gone, before this process's own requests");
            }
        }
        if (adopted == null) {
            return null;
        }
        Request request = Request.from(adopted, adopted.peek());
        if (request == null) {
            orphans.sent(adopted);
            adopted = null;
            nextAdoptionScan = System.nanoTime(); // another process may have left one too
        }
        return request;
    }

    /** One HTTP attempt, counted unless it is to be retried: the caller knows whether it will be. */
    private SendOutcome attempt(Request request) throws InterruptedException {
        long start = System.nanoTime();
        SendOutcome outcome = client.send(request.body);
        metrics.attemptDuration(System.nanoTime() - start);
        if (outcome.kind() == SendOutcome.Kind.SUCCESS) {
            metrics.sent(request.samples);
        } else if (outcome.kind() == SendOutcome.Kind.REJECTED) {
            metrics.rejected(outcome.status(), request.samples);
            rejectLog.log("remote write to " + endpointLabel + " refused with status " + outcome.status()
                    + ", dropped " + request.samples + " samples: " + outcome.detail());
        }
        return outcome;
    }

    /**
     * Settles a request after an attempt: {@code done} (sent or refused for good) removes it from
     * where it waits; a failed one from memory moves to the spool with everything behind it.
     *
     * @return false when the sender is closed and the thread must stop
     */
    private boolean finish(Request request, boolean done) {
        synchronized (lock) {
            interruptible = false;
            Thread.interrupted(); // close() waits for the lock: the spool's I/O below must not see its interrupt
            if (request.record != null) {
                if (done) {
                    request.source.commit(request.record);
                }
            } else if (request.spooled) {
                inFlight = null; // moved to the spool while in flight: it is the spool's oldest record, unless dropped
                if (done && request.spooledAt >= 0) {
                    SpoolRecord oldest = spool.peek();
                    if (oldest != null && oldest.position() == request.spooledAt) {
                        spool.commit(oldest);
                    }
                }
            } else if (done) {
                inFlight = null;
            } else if (spool != null) {
                moveMemoryToSpool();
                inFlight = null;
            }
            lock.notifyAll();
            interruptible = !done && !closed;
            return !closed;
        }
    }

    /** Appends the request in flight (unless already there) and every queued one to the spool, oldest first. */
    private void moveMemoryToSpool() {
        if (inFlight != null && !inFlight.spooled) {
            inFlight.spooled = true;
            inFlight.spooledAt = spool.append(inFlight.body, inFlight.samples, inFlight.oldestTs, inFlight.newestTs);
        }
        for (Request queued = memory.pollFirst(); queued != null; queued = memory.pollFirst()) {
            spool.append(queued.body, queued.samples, queued.oldestTs, queued.newestTs);
        }
    }

    /** At close: what is left goes to the spool, or is dropped without one. */
    private void releaseLeftovers() {
        releaseMemory();
        if (adopted != null) {
            adopted.close(); // what it still holds is the next run's to send
            adopted = null;
        }
        if (spool != null) {
            if (!spool.isEmpty()) {
                Log.info(endpointLabel + ": " + spool.sizeBytes() + " bytes of unsent requests stay in the spool "
                        + spool.directory() + " for the next run");
            }
            spool.close();
        }
        lock.notifyAll();
    }

    /** The request from memory in flight and everything queued go to the spool, or are dropped without one. */
    private void releaseMemory() {
        if (spool != null) {
            moveMemoryToSpool();
            inFlight = null;
            return;
        }
        if (inFlight != null) {
            metrics.dropped(DropReason.SHUTDOWN, inFlight.samples);
            inFlight = null;
        }
        for (Request queued = memory.pollFirst(); queued != null; queued = memory.pollFirst()) {
            metrics.dropped(DropReason.SHUTDOWN, queued.samples);
        }
    }

    /** The receiver's Retry-After when it asks for longer than our own backoff would wait. */
    private Duration delayBefore(int retry, Duration retryAfter) {
        Duration ours = backoff.delay(retry);
        return retryAfter != null && retryAfter.compareTo(ours) > 0 ? retryAfter : ours;
    }

    private static String describe(SendOutcome outcome) {
        String status = outcome.status() == 0 ? "" : "status " + outcome.status();
        if (outcome.detail().isEmpty()) {
            return status;
        }
        return status.isEmpty() ? outcome.detail() : status + ": " + outcome.detail();
    }

    private static final class Request {
        final byte[] body;
        final int samples;
        final long oldestTs;
        final long newestTs;
        /** The spool record it was read from; null for a request from memory. */
        final SpoolRecord record;
        /** The spool that record is in: this sender's own, or an adopted one. */
        final Spool source;
        /** A request from memory appended to the spool while it was being sent. */
        boolean spooled;
        /** Its position there, or -1 when the spool could not keep it. */
        long spooledAt = -1;

        Request(byte[] body, int samples, long oldestTs, long newestTs, SpoolRecord record, Spool source) {
            this.body = body;
            this.samples = samples;
            this.oldestTs = oldestTs;
            this.newestTs = newestTs;
            this.record = record;
            this.source = source;
        }

        /** The request for a spool's record; null for no record. */
        static Request from(Spool source, SpoolRecord record) {
            return record == null ? null : new Request(record.body(), record.samples(), record.oldestTimestamp(),
                    record.newestTimestamp(), record, source);
        }
    }
}
