package io.remora.exporter.spool;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * How one request is framed in a segment file, big-endian:
 *
 * <pre>
 * magic(4) length(4) samples(4) oldestTs(8) newestTs(8) payloadCrc(4) headerCrc(4) | payload(length)
 * </pre>
 *
 * The header has a CRC32C of its own (over length..payloadCrc), so after damage a reader can find
 * the next record by looking for the magic followed by a header whose CRC holds, and still knows
 * how many samples a record with a damaged payload held.
 */
final class RecordFormat {

    static final int MAGIC = 0x524D5331; // "RMS1"
    static final int HEADER_BYTES = 36;
    /** Far above any request the exporter builds: a header claiming more is damage. */
    static final int MAX_PAYLOAD_BYTES = 256 << 20;

    private static final int CRC_COVERED_FROM = 4;
    private static final int CRC_COVERED_TO = 32;

    private RecordFormat() {
    }

    /** The header for {@code payload}, ready to write (position 0, limit {@link #HEADER_BYTES}). */
    static ByteBuffer header(byte[] payload, int samples, long oldestTs, long newestTs) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        header.putInt(MAGIC).putInt(payload.length).putInt(samples).putLong(oldestTs).putLong(newestTs)
                .putInt(crc(payload));
        header.putInt(headerCrc(header.array()));
        return header.flip();
    }

    /** Reads a header from the 36 bytes at {@code bytes[offset]}; null unless it is intact. */
    static Header parse(byte[] bytes, int offset) {
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, HEADER_BYTES).slice();
        if (in.getInt(0) != MAGIC) {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset + CRC_COVERED_FROM, CRC_COVERED_TO - CRC_COVERED_FROM);
        if ((int) crc.getValue() != in.getInt(CRC_COVERED_TO)) {
            return null;
        }
        int length = in.getInt(4);
        int samples = in.getInt(8);
        if (length < 0 || length > MAX_PAYLOAD_BYTES || samples < 0) {
            return null;
        }
        return new Header(length, samples, in.getLong(12), in.getLong(20), in.getInt(28));
    }

    static int crc(byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload, 0, payload.length);
        return (int) crc.getValue();
    }

    private static int headerCrc(byte[] header) {
        CRC32C crc = new CRC32C();
        crc.update(header, CRC_COVERED_FROM, CRC_COVERED_TO - CRC_COVERED_FROM);
        return (int) crc.getValue();
    }

    /** An intact record header. */
    static final class Header {
        final int length;
        final int samples;
        final long oldestTs;
        final long newestTs;
        final int payloadCrc;

        Header(int length, int samples, long oldestTs, long newestTs, int payloadCrc) {
            this.length = length;
            this.samples = samples;
            this.oldestTs = oldestTs;
            this.newestTs = newestTs;
            this.payloadCrc = payloadCrc;
        }

        /** Header and payload. */
        long framedBytes() {
            return HEADER_BYTES + (long) length;
        }
    }
}
