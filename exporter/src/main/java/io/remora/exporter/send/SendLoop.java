package io.remora.exporter.send;

import io.remora.exporter.selfmetrics.EndpointMetrics;
import io.remora.log.Log;
import io.remora.log.RateLimitedLog;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The sender's thread: takes requests from the queue one at a time and sends each until it
 * succeeds or is refused. A request that fails in a way worth retrying (5xx, 429, I/O error) is
 * sent again after a backoff or the receiver's {@code Retry-After}; nothing behind it overtakes
 * it, because receivers reject out-of-order samples. A request refused with any other status is
 * dropped, counted by status and logged. Once the queue's state leaves
 * {@link SenderState#RUNNING}, a failed attempt gives the endpoint up instead.
 */
final class SendLoop implements Runnable {

    private static final long LOG_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final String endpointLabel;
    private final EndpointMetrics metrics;
    private final RequestQueue queue;
    private final RemoteWriteClient client;
    private final Backoff backoff;
    private final RateLimitedLog retryLog = new RateLimitedLog(Log.Level.WARN, LOG_PERIOD_NANOS);
    private final RateLimitedLog rejectLog = new RateLimitedLog(Log.Level.ERROR, LOG_PERIOD_NANOS);

    SendLoop(String endpointLabel, EndpointMetrics metrics, RequestQueue queue, RemoteWriteClient client,
            Backoff backoff) {
        this.endpointLabel = endpointLabel;
        this.metrics = metrics;
        this.queue = queue;
        this.client = client;
        this.backoff = backoff;
    }

    @Override
    public void run() {
        try {
            sendUntilClosed();
        } catch (InterruptedException e) {
            // the client was closed during a send: close() takes care of what is left
        } catch (Throwable e) {
            Log.error("sender for " + endpointLabel + " stopped, samples to it are dropped from now on: " + e);
            queue.close();
            client.close(); // its kept-alive connection: close() returns early once the queue is closed
            queue.releaseLeftovers();
        }
    }

    private void sendUntilClosed() throws InterruptedException {
        int failures = 0;
        for (Request request = queue.take(); request != null; request = queue.take()) {
            SendOutcome outcome = attempt(request);
            if (outcome.kind() != SendOutcome.Kind.RETRYABLE) {
                queue.settle(request, true);
                failures = 0;
            } else if (queue.giveUp(request)) {
                Log.warn("remote write to " + endpointLabel + " failed at shutdown (" + describe(outcome)
                        + "): giving up; " + (queue.hasSpool() ? "what is left stays in the spool"
                                : "what is still queued for it is dropped"));
            } else {
                metrics.retried(request.samples);
                Duration delay = delayBefore(failures, outcome.retryAfter());
                retryLog.log("remote write to " + endpointLabel + " failed (" + describe(outcome) + "), retry "
                        + (failures + 1) + " in " + delay.toMillis() + " ms");
                failures++;
                queue.settle(request, false);
                queue.awaitRetry(delay);
            }
        }
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
}
