package io.remora.exporter.compress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.xerial.snappy.Snappy;

/** snappy-java's JNI binding of Google's C++ snappy: the fastest choice where it can load. */
public final class NativeSnappyCompressor implements SnappyCompressor {

    private static final byte[] PROBE = "remora snappy probe, remora snappy probe"
            .getBytes(StandardCharsets.US_ASCII);

    /**
     * Loads the native library and checks that it round-trips a few bytes. Throws whatever
     * snappy-java's loader throws when the library cannot load here: {@code UnsatisfiedLinkError},
     * {@code SnappyError}, {@code ExceptionInInitializerError} and then {@code NoClassDefFoundError}.
     */
    public NativeSnappyCompressor() {
        try {
            byte[] compressed = Snappy.compress(PROBE);
            if (!Arrays.equals(PROBE, Snappy.uncompress(compressed))) {
                throw new IllegalStateException("native snappy did not round-trip a probe");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("native snappy failed a probe", e);
        }
    }

    @Override
    public int maxCompressedLength(int inputLength) {
        return Snappy.maxCompressedLength(inputLength);
    }

    @Override
    public int compress(byte[] in, int off, int len, byte[] out, int outOff) {
        try {
            return Snappy.rawCompress(in, off, len, out, outOff);
        } catch (IOException e) {
            throw new UncheckedIOException("native snappy compression failed", e);
        }
    }

    @Override
    public String name() {
        return "native";
    }
}
