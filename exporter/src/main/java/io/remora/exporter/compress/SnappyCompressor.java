package io.remora.exporter.compress;

/**
 * Compresses into the snappy block format (no framing), as remote-write requires. An instance is
 * used by one thread at a time.
 */
public interface SnappyCompressor {

    /** The most bytes {@link #compress} can write for an input of this length. */
    int maxCompressedLength(int inputLength);

    /**
     * Compresses {@code in[off, off + len)} into {@code out} from {@code outOff}, which must have room
     * for {@link #maxCompressedLength(int) maxCompressedLength(len)} bytes.
     *
     * @return the compressed length
     */
    int compress(byte[] in, int off, int len, byte[] out, int outOff);

    /** Which implementation this is, for logs and self-metrics. */
    String name();
}
