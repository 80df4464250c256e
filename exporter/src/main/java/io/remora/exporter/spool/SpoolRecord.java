package io.remora.exporter.spool;

/** One spooled request, as {@link Spool#peek()} returns it. */
public final class SpoolRecord {

    private final long position;
    private final byte[] body;
    private final int samples;
    private final long oldestTimestamp;
    private final long newestTimestamp;
    private final long framedBytes;

    SpoolRecord(long position, byte[] body, int samples, long oldestTimestamp, long newestTimestamp,
            long framedBytes) {
        this.position = position;
        this.body = body;
        this.samples = samples;
        this.oldestTimestamp = oldestTimestamp;
        this.newestTimestamp = newestTimestamp;
        this.framedBytes = framedBytes;
    }

    /** Where the record lies in the spool, as {@link Spool#append} returned it. */
    public long position() {
        return position;
    }

    /** The snappy-compressed WriteRequest, as appended. */
    public byte[] body() {
        return body;
    }

    public int samples() {
        return samples;
    }

    /** Milliseconds since the epoch of the request's oldest sample. */
    public long oldestTimestamp() {
        return oldestTimestamp;
    }

    public long newestTimestamp() {
        return newestTimestamp;
    }

    long framedBytes() {
        return framedBytes;
    }
}
