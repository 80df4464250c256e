package io.remora.exporter.spool;

import io.remora.exporter.selfmetrics.DropReason;

/** What a spool reports as it loses data: the caller turns it into self-metrics. */
public interface SpoolEvents {

    /**
     * Samples the spool gave up: {@link DropReason#SPOOL_FULL}, {@link DropReason#TOO_OLD},
     * {@link DropReason#SPOOL_CORRUPT}, {@link DropReason#SPOOL_WRITE_FAILED} or
     * {@link DropReason#SHUTDOWN} (appended after close).
     */
    void dropped(DropReason reason, long samples);

    /**
     * One damaged stretch of a segment was cut off or skipped. Its samples are also reported to
     * {@link #dropped} when a record header said how many there were; a stretch whose headers are
     * unreadable is counted only here.
     */
    void damaged();
}
