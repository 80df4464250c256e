package io.remora.exporter.send;

/**
 * Where an endpoint's sender stands; it only moves down this list. The shutdown policy, stated
 * once: an endpoint that is down must not hold the JVM's exit, and what it was not sent stays in
 * the spool for the next run or, without one, is counted as dropped for shutdown.
 */
enum SenderState {
    /** Every request is sent until it succeeds or is refused; failures are retried after a backoff. */
    RUNNING,
    /** Shutdown is flushing: each request gets one more attempt, without a backoff before it. */
    LAST_ATTEMPTS,
    /** An attempt failed during the flush: nothing more is sent, new requests are released at once. */
    GIVEN_UP,
    /** Nothing more is sent or accepted; what is left has been released, or is being. */
    CLOSED;

    /** The state after shutdown's flush begins: never back up the list. */
    SenderState flushing() {
        return this == RUNNING ? LAST_ATTEMPTS : this;
    }

    /** Nothing more will be sent, so nothing is waited for. */
    boolean isDone() {
        return this == GIVEN_UP || this == CLOSED;
    }
}
