package io.remora.exporter.send;

import io.remora.exporter.selfmetrics.EndpointMetrics;
import io.remora.exporter.spool.SpoolSettings;
import java.time.Duration;
import java.util.Random;

/**
 * Delivers compressed requests to one endpoint, strictly in the order they were submitted, on its
 * own daemon thread, so a slow or dead endpoint never delays another one or the caller. Nothing
 * thrown here ever reaches the caller's thread.
 *
 * <p>Three parts: the {@link RequestQueue} routes requests between memory and the spool and holds
 * the {@link SenderState}; the {@link SendLoop} sends them with retries and backoff; this class
 * starts the loop and carries out the shutdown policy ({@link SenderState}): {@link #stopRetrying}
 * and {@link #close}.
 */
public final class EndpointSender implements AutoCloseable {

    /** How long close() waits for the thread; an attempt in flight is ended by closing the client. */
    private static final long CLOSE_JOIN_MILLIS = 2_000;

    private final String endpointLabel;
    private final EndpointMetrics metrics;
    private final RemoteWriteClient client;
    private final RequestQueue queue;
    private final Thread thread;

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
        this.client = new RemoteWriteClient(config);
        this.queue = new RequestQueue(endpointLabel, metrics, config.queueCapacity(), spoolSettings);
        Backoff backoff = new Backoff(config.minBackoff(), config.maxBackoff(), jitter);
        String hostPort = config.url().getHost() + ":" + HttpRoute.portOf(config.url());
        this.thread = new Thread(new SendLoop(endpointLabel, metrics, queue, client, backoff),
                "remora-sender-" + hostPort);
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
     * Queues one snappy-compressed WriteRequest whose samples lie between the two timestamps.
     * Returns false, and keeps nothing, when the memory queue is full and there is no spool, or the
     * sender is closed: the caller counts those samples as dropped. A request the spool cannot
     * keep is counted by the spool.
     */
    public boolean submit(byte[] body, int sampleCount, long oldestTimestampMs, long newestTimestampMs) {
        return queue.submit(body, sampleCount, oldestTimestampMs, newestTimestampMs);
    }

    /**
     * Waits until everything submitted, and everything a spool holds, has been sent or given up;
     * after close, what the spool keeps for the next run counts as given up. False if time ran
     * out first.
     */
    public boolean awaitIdle(Duration timeout) {
        return queue.awaitIdle(timeout);
    }

    /**
     * From now on no request is retried: each gets one more attempt (a backoff wait in progress
     * ends at once), and after the first attempt that fails, the endpoint is given up. Lets a
     * shutdown flush finish quickly when the endpoint is down, while a healthy endpoint still gets
     * everything.
     */
    public void stopRetrying() {
        queue.stopRetrying();
    }

    /**
     * Stops sending. What is still queued or being retried goes to the spool for the next run or,
     * without one, is counted as dropped at shutdown. The thread is never interrupted: closing the
     * client ends an exchange in flight, and the queue wakes a backoff; an interrupt would also
     * close the spool's files under the thread.
     */
    @Override
    public void close() {
        if (!queue.close()) {
            return;
        }
        client.close();
        // the leftovers' spool I/O runs on this thread, and an interrupt would close the spool's files
        boolean interrupted = Thread.interrupted();
        try {
            thread.join(CLOSE_JOIN_MILLIS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        queue.releaseLeftovers();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
