package io.remora.exporter.selfmetrics;

/** Why samples were dropped: the {@code reason} label of {@code remora_samples_dropped_total}. */
public enum DropReason {
    /** The series' ring shard was full when the sample was offered. */
    RING_FULL("ring_full", false),
    /** Older than, or as old as, a sample already sent for the same series. */
    OUT_OF_ORDER("out_of_order", false),
    /** Recorded after the exporter was closed. */
    AFTER_CLOSE("after_close", false),
    /** Lost to a bug in the exporter itself; logged with the error. */
    INTERNAL_ERROR("internal_error", false),
    /** The endpoint fell so far behind that its request queue was full. */
    QUEUE_FULL("queue_full", true),
    /** The receiver refused the request with a 4xx that retrying cannot fix. */
    REJECTED("rejected", true),
    /** Still unsent for this endpoint when the exporter was closed and its flush time ran out. */
    SHUTDOWN("shutdown", true),
    /** The oldest spooled requests, dropped to keep the spool under its max-size. */
    SPOOL_FULL("spool_full", true),
    /** Spooled requests holding a sample older than the spool's max-age: never sent. */
    TOO_OLD("too_old", true),
    /** Spooled requests found damaged (torn by a crash, or corrupted on disk). */
    SPOOL_CORRUPT("spool_corrupt", true),
    /** Requests that could not be written to the spool (a full disk, an I/O error). */
    SPOOL_WRITE_FAILED("spool_write_failed", true);

    private final String label;
    private final boolean perEndpoint;

    DropReason(String label, boolean perEndpoint) {
        this.label = label;
        this.perEndpoint = perEndpoint;
    }

    public String label() {
        return label;
    }

    /** Counted per endpoint (with an {@code endpoint} label) rather than once for the exporter. */
    public boolean isPerEndpoint() {
        return perEndpoint;
    }
}
