package io.remora.exporter.compress;

import io.remora.exporter.log.Log;
import java.util.function.Supplier;

/**
 * Hands out snappy compressors: native where snappy-java's library loads, pure Java where it does
 * not. The choice is made on the first request and kept, so a missing native library is reported
 * once, with its reason, however many compressors are asked for.
 */
public final class SnappyCompressors {

    private static final SnappyCompressors SYSTEM = new SnappyCompressors(NativeSnappyCompressor::new);

    private final Supplier<? extends SnappyCompressor> nativeCompressor;
    private String nativeUnavailable;

    /** @param nativeCompressor creates a native compressor, or throws if it cannot load */
    SnappyCompressors(Supplier<? extends SnappyCompressor> nativeCompressor) {
        this.nativeCompressor = nativeCompressor;
    }

    /** The factory backed by snappy-java. */
    public static SnappyCompressors system() {
        return SYSTEM;
    }

    /** A new compressor, for one thread's use. */
    public synchronized SnappyCompressor create() {
        if (nativeUnavailable == null) {
            try {
                return nativeCompressor.get();
            } catch (Throwable t) { // the loader fails with errors as well as exceptions
                nativeUnavailable = describe(t);
                Log.warn("native snappy is unavailable, compressing in pure Java (slower): " + nativeUnavailable);
            }
        }
        return new PureJavaSnappyCompressor();
    }

    /** The throwable and its causes, which is where snappy-java puts the real reason. */
    private static String describe(Throwable t) {
        StringBuilder reason = new StringBuilder(String.valueOf(t));
        Throwable cause = t.getCause();
        // bounded, in case a cause chain loops back on itself
        for (int depth = 0; cause != null && depth < 8; depth++) {
            reason.append("; caused by ").append(cause);
            cause = cause.getCause();
        }
        return reason.toString();
    }
}
