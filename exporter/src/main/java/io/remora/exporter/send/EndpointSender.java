package io.remora.exporter.send;

import io.remora.exporter.log.Log;
import io.remora.exporter.log.RateLimitedLog;
import io.remora.exporter.selfmetrics.DropReason;
import io.remora.exporter.selfmetrics.EndpointMetrics;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
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
 * <p>At shutdown ({@link #stopRetrying}) an endpoint that is down must not hold the JVM's exit:
 * each request then gets one more attempt, and the first that fails drops it and everything behind
 * it, counted as dropped for shutdown.
 */
public final class EndpointSender implements AutoCloseable {

    private static final long LOG_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** How long close() waits for the thread; an attempt in flight is cancelled by the interrupt. */
    private static final long CLOSE_JOIN_MILLIS = 2_000;

    private final String endpointLabel;
    private final EndpointMetrics metrics;
    private final RemoteWriteClient client;
    private final Backoff backoff;
    private final ArrayBlockingQueue<Request> queue;
    private final RateLimitedLog retryLog = new RateLimitedLog(Log.Level.WARN, LOG_PERIOD_NANOS);
    private final RateLimitedLog rejectLog = new RateLimitedLog(Log.Level.ERROR, LOG_PERIOD_NANOS);
    private final Thread thread;

    /** Guards {@link #pending} and {@link #closed}, and is waited on by {@link #awaitIdle}. */
    private final Object lock = new Object();
    /** Requests accepted by submit and not yet sent, refused or dropped. */
    private int pending;
    private volatile boolean closed;
    /** Set by stopRetrying: one attempt per request from now on. Guarded by lock for the backoff wait. */
    private volatile boolean lastAttempts;
    /** An attempt failed after stopRetrying: whatever is left is dropped without trying. */
    private volatile boolean givenUp;

    /**
     * Reads the endpoint's secret files and starts the sender's thread.
     *
     * @throws IllegalArgumentException when a secret or CA file cannot be used; the message names
     *     the setting and the path, never the secret
     */
    public EndpointSender(EndpointConfig config, EndpointMetrics metrics) {
        this(config, metrics, new Random());
    }

    EndpointSender(EndpointConfig config, EndpointMetrics metrics, Random jitter) {
        this.endpointLabel = config.endpointLabel();
        this.metrics = metrics;
        String hostPort = config.url().getHost() + ":" + port(config);
        this.client = new RemoteWriteClient(config, "remora-http-" + hostPort);
        this.backoff = new Backoff(config.minBackoff(), config.maxBackoff(), jitter);
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
        this.thread = new Thread(this::run, "remora-sender-" + hostPort);
        thread.setDaemon(true);
        thread.start();
    }

    /** The endpoint's URL without user-info or query string: safe for logs and metric labels. */
    public String endpointLabel() {
        return endpointLabel;
    }

    public EndpointMetrics metrics() {
        return metrics;
    }

    /**
     * Queues one snappy-compressed WriteRequest. Returns false, and keeps nothing, when the queue is
     * full or the sender is closed: the caller counts those samples as dropped.
     */
    public boolean submit(byte[] body, int sampleCount) {
        synchronized (lock) {
            if (closed || !queue.offer(new Request(body, sampleCount))) {
                return false;
            }
            pending++;
            return true;
        }
    }

    /** Waits until everything submitted has been sent or given up; false if time ran out first. */
    public boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (pending > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return pending == 0;
                }
            }
            return true;
        }
    }

    /**
     * From now on no request is retried: each gets one more attempt (a backoff wait in progress
     * ends at once), and after the first attempt that fails, the endpoint is given up and every
     * request still queued is dropped without one. Lets a shutdown flush finish quickly when the
     * endpoint is down, while a healthy endpoint still gets everything.
     */
    public void stopRetrying() {
        synchronized (lock) {
            lastAttempts = true;
            lock.notifyAll();
        }
    }

    /** Stops sending; whatever is still queued or being retried is counted as dropped at shutdown. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        thread.interrupt();
        try {
            thread.join(CLOSE_JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // the thread drains the queue as it stops; this covers a thread that did not stop in time
        dropQueued();
        client.close();
    }

    private void run() {
        Request current = null;
        try {
            while (!closed) {
                current = queue.take();
                deliver(current);
                current = null;
                finished();
            }
        } catch (InterruptedException e) {
            // close() interrupts: fall through and give up what is left
        } catch (Throwable e) {
            Log.error("sender for " + endpointLabel + " stopped, samples to it are dropped from now on: " + e);
            synchronized (lock) {
                closed = true;
            }
        } finally {
            if (current != null) {
                metrics.dropped(DropReason.SHUTDOWN, current.samples);
                finished();
            }
            dropQueued();
        }
    }

    /** Returns once the request was accepted or refused; throws when the sender is closing. */
    private void deliver(Request request) throws InterruptedException {
        for (int retry = 0; ; retry++) {
            if (givenUp) {
                metrics.dropped(DropReason.SHUTDOWN, request.samples);
                return;
            }
            long start = System.nanoTime();
            SendOutcome outcome = client.send(request.body);
            metrics.attemptDuration(System.nanoTime() - start);
            if (outcome.kind() == SendOutcome.Kind.SUCCESS) {
                metrics.sent(request.samples);
                return;
            }
            if (outcome.kind() == SendOutcome.Kind.REJECTED) {
                metrics.rejected(outcome.status(), request.samples);
                rejectLog.log("remote write to " + endpointLabel + " refused with status " + outcome.status()
                        + ", dropped " + request.samples + " samples: " + outcome.detail());
                return;
            }
            if (lastAttempts) {
                givenUp = true;
                metrics.dropped(DropReason.SHUTDOWN, request.samples);
                Log.warn("remote write to " + endpointLabel + " failed at shutdown (" + describe(outcome)
                        + "): giving up; what is still queued for it is dropped");
                return;
            }
            Duration delay = delayBefore(retry, outcome.retryAfter());
            metrics.retried(request.samples);
            retryLog.log("remote write to " + endpointLabel + " failed (" + describe(outcome) + "), retry "
                    + (retry + 1) + " in " + delay.toMillis() + " ms");
            backOff(delay);
        }
    }

    /** Waits before a retry; returns early when stopRetrying asks for the last attempt now. */
    private void backOff(Duration delay) throws InterruptedException {
        long deadline = System.nanoTime() + delay.toNanos();
        synchronized (lock) {
            long left;
            while (!lastAttempts && (left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
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

    private void dropQueued() {
        Request request;
        while ((request = queue.poll()) != null) {
            metrics.dropped(DropReason.SHUTDOWN, request.samples);
            finished();
        }
    }

    private void finished() {
        synchronized (lock) {
            pending--;
            if (pending == 0) {
                lock.notifyAll();
            }
        }
    }

    private static int port(EndpointConfig config) {
        int port = config.url().getPort();
        if (port != -1) {
            return port;
        }
        return config.url().getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    private static final class Request {
        final byte[] body;
        final int samples;

        Request(byte[] body, int samples) {
            this.body = body;
            this.samples = samples;
        }
    }
}
