package io.remora.exporter.wire;

/** Protobuf's base-128 varints, written straight into arrays. */
public final class Varint {

    private Varint() {
    }

    /** Bytes of an unsigned varint; negative int64 values take all ten, as protobuf writes them. */
    public static int size(long value) {
        int significantBits = Long.SIZE - Long.numberOfLeadingZeros(value | 1);
        return (significantBits + 6) / 7;
    }

    /** Writes the varint at {@code pos}; returns the position after it. */
    public static int write(byte[] out, int pos, long value) {
        while ((value & ~0x7FL) != 0) {
            out[pos++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out[pos++] = (byte) value;
        return pos;
    }
}
