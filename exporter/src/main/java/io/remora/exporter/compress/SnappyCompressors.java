package io.remora.exporter.compress;

import io.remora.log.Log;
import java.util.function.Supplier;

/**
 * Hands out snappy compressors: native where snappy-java's library loads, pure Java where it does
 * not. The choice is made on the first request and kept, so a missing native library is reported
 * once, with its reason, however many compressors are asked for.
 *
 * <p>Where loading the library would make the JVM warn on the application's stderr (JDK 24 and
 * later, unless {@code --enable-native-access=ALL-UNNAMED} is given), native is not tried.
 */
public final class SnappyCompressors {

    private static final SnappyCompressors SYSTEM = new SnappyCompressors(NativeSnappyCompressor::new,
            NativeAccess.isQuiet(SnappyCompressors.class.getModule()));

    private final Supplier<? extends SnappyCompressor> nativeCompressor;
    private String nativeUnavailable;

    /**
     * @param nativeCompressor creates a native compressor, or throws if it cannot load
     * @param nativeAllowed false where loading a native library would print a JVM warning
     */
    SnappyCompressors(Supplier<? extends SnappyCompressor> nativeCompressor, boolean nativeAllowed) {
        this.nativeCompressor = nativeCompressor;
        if (!nativeAllowed) {
            nativeUnavailable = "native access is not enabled for the agent";
            Log.debug("compressing snappy in pure Java: loading the native library would make this JVM print a"
                    + " restricted-method warning on stderr; --enable-native-access=ALL-UNNAMED allows native");
        }
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
