package io.remora.exporter.send;

import io.remora.exporter.spool.Spool;
import io.remora.exporter.spool.SpoolRecord;

/** One compressed WriteRequest waiting to be sent, from memory or from a spool. */
final class Request {

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

    Request(byte[] body, int samples, long oldestTs, long newestTs) {
        this(body, samples, oldestTs, newestTs, null, null);
    }

    private Request(byte[] body, int samples, long oldestTs, long newestTs, SpoolRecord record, Spool source) {
        this.body = body;
        this.samples = samples;
        this.oldestTs = oldestTs;
        this.newestTs = newestTs;
        this.record = record;
        this.source = source;
    }

    /** The request for a spool's oldest record; null when the spool is empty. */
    static Request oldestOf(Spool source) {
        SpoolRecord record = source.peek();
        return record == null ? null : new Request(record.body(), record.samples(), record.oldestTimestamp(),
                record.newestTimestamp(), record, source);
    }

    boolean fromMemory() {
        return record == null;
    }

    /** Appends it to the spool, once, remembering where. */
    void spoolTo(Spool spool) {
        if (!spooled) {
            spooled = true;
            spooledAt = spool.append(body, samples, oldestTs, newestTs);
        }
    }
}
