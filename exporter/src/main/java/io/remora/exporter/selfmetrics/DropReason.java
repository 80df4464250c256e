package io.remora.exporter.selfmetrics;

/** Why samples were dropped: the {@code reason} label of {@code remora_samples_dropped_total}. */
public enum DropReason {
    /** The series' ring shard was full when the sample was offered. */
    RING_FULL("ring_full"),
    /** Older than, or as old as, a sample already sent for the same series. */
    OUT_OF_ORDER("out_of_order"),
    /** The endpoint fell so far behind that its request queue was full. */
    QUEUE_FULL("queue_full"),
    /** The receiver refused the request with a 4xx that retrying cannot fix. */
    REJECTED("rejected"),
    /** Still unsent when the exporter was closed and its flush time ran out. */
    SHUTDOWN("shutdown");

    private final String label;

    DropReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
