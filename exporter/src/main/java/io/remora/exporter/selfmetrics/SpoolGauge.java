package io.remora.exporter.selfmetrics;

import java.util.OptionalLong;

/** What an endpoint's spool holds, read when self-metrics are reported. */
public interface SpoolGauge {

    /** Bytes of segment files on disk. */
    long sizeBytes();

    /** Milliseconds since the epoch of the oldest sample waiting in the spool; empty when none is. */
    OptionalLong oldestTimestamp();
}
