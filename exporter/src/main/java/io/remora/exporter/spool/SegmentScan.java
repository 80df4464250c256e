package io.remora.exporter.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * A walk over a segment's records, header by header, that finds where it is damaged: stretches in
 * the middle (skipped to the next intact record) and a damaged tail (the process died while
 * writing, or the disk filled). Payloads are checked only for the last record, the one a crash
 * tears; the others are checked when they are read.
 */
final class SegmentScan {

    private static final int RESYNC_CHUNK = 64 * 1024;

    long records;
    long samples;
    long newestTs = Long.MIN_VALUE;
    /** Where the intact part ends: a damaged tail, if any, starts here. */
    long end;
    /** Samples lost in the damaged tail, when its header was readable. */
    long tailSamples;
    final List<Damage> damages = new ArrayList<>();

    /** A damaged stretch in the middle of a segment. */
    static final class Damage {
        final long start;
        final long resume;
        /** Samples lost, when the record header at {@code start} was readable; else 0. */
        final long knownSamples;

        Damage(long start, long resume, long knownSamples) {
            this.start = start;
            this.resume = resume;
            this.knownSamples = knownSamples;
        }
    }

    private SegmentScan() {
    }

    /** Told of each intact record as the walk passes it. */
    interface Visitor {
        void record(long offset, RecordFormat.Header header) throws IOException;
    }

    static SegmentScan scan(FileChannel channel, long from, long fileSize) throws IOException {
        return scan(channel, from, fileSize, (offset, header) -> { });
    }

    static SegmentScan scan(FileChannel channel, long from, long fileSize, Visitor visitor) throws IOException {
        SegmentScan scan = new SegmentScan();
        long offset = from;
        scan.end = fileSize;
        while (offset < fileSize) {
            RecordFormat.Header header = Segment.readHeader(channel, offset, fileSize);
            long next = header == null ? -1 : offset + header.framedBytes();
            boolean intact = header != null && next <= fileSize
                    && (next < fileSize || payloadIntact(channel, offset, header));
            if (intact) {
                visitor.record(offset, header);
                scan.records++;
                scan.samples += header.samples;
                scan.newestTs = Math.max(scan.newestTs, header.newestTs);
                offset = next;
                continue;
            }
            long known = header == null ? 0 : header.samples;
            long resume = resync(channel, offset + 1, fileSize);
            if (resume < 0) {
                scan.end = offset;
                scan.tailSamples = known;
                break;
            }
            scan.damages.add(new Damage(offset, resume, known));
            offset = resume;
        }
        return scan;
    }

    /** The first offset at or after {@code from} where an intact record starts, or -1. */
    static long resync(FileChannel channel, long from, long fileSize) throws IOException {
        byte[] chunk = new byte[RESYNC_CHUNK];
        long base = from;
        while (fileSize - base >= RecordFormat.HEADER_BYTES) {
            int length = (int) Math.min(chunk.length, fileSize - base);
            if (!Segment.readFully(channel, ByteBuffer.wrap(chunk, 0, length), base)) {
                return -1;
            }
            ByteBuffer view = ByteBuffer.wrap(chunk, 0, length);
            for (int i = 0; i + 4 <= length; i++) {
                if (view.getInt(i) == RecordFormat.MAGIC && intactAt(channel, base + i, fileSize)) {
                    return base + i;
                }
            }
            base += length - 3; // a magic split across two chunks is seen whole in the next one
        }
        return -1;
    }

    private static boolean intactAt(FileChannel channel, long offset, long fileSize) throws IOException {
        RecordFormat.Header header = Segment.readHeader(channel, offset, fileSize);
        return header != null && offset + header.framedBytes() <= fileSize && payloadIntact(channel, offset, header);
    }

    private static boolean payloadIntact(FileChannel channel, long offset, RecordFormat.Header header)
            throws IOException {
        byte[] payload = Segment.readPayload(channel, offset, header);
        return payload != null && RecordFormat.crc(payload) == header.payloadCrc;
    }
}
