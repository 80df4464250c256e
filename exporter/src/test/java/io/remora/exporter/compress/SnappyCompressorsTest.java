package io.remora.exporter.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.remora.log.Log;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.SnappyError;
import org.xerial.snappy.SnappyErrorCode;

class SnappyCompressorsTest {

    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();

    SnappyCompressorsTest() {
        Log.setOutput(new PrintStream(logged, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreLog() {
        Log.setOutput(System.err);
    }

    @Test
    void systemFactoryUsesTheNativeLibraryWhereItLoads() {
        SnappyCompressor compressor = SnappyCompressors.system().create();

        assertInstanceOf(NativeSnappyCompressor.class, compressor);
        assertEquals("native", compressor.name());
        assertEquals("", logged.toString(StandardCharsets.UTF_8));
    }

    @Test
    void fallsBackToPureJavaAndSaysWhyOnce() {
        AtomicInteger attempts = new AtomicInteger();
        SnappyCompressors factory = new SnappyCompressors(() -> {
            attempts.incrementAndGet();
            throw new ExceptionInInitializerError(
                    new SnappyError(SnappyErrorCode.FAILED_TO_LOAD_NATIVE_LIBRARY, "no native library for AIX/ppc"));
        }, true);

        SnappyCompressor first = factory.create();
        SnappyCompressor second = factory.create();

        assertInstanceOf(PureJavaSnappyCompressor.class, first);
        assertInstanceOf(PureJavaSnappyCompressor.class, second);
        assertEquals(1, attempts.get());
        assertEquals("remora: native snappy is unavailable, compressing in pure Java (slower): "
                + "java.lang.ExceptionInInitializerError; caused by org.xerial.snappy.SnappyError: "
                + "[FAILED_TO_LOAD_NATIVE_LIBRARY] no native library for AIX/ppc" + System.lineSeparator(),
                logged.toString(StandardCharsets.UTF_8));
    }

    @Test
    void linkErrorsAreCaughtToo() {
        SnappyCompressors factory = new SnappyCompressors(() -> {
            throw new UnsatisfiedLinkError("/tmp/snappy-1.1.10-libsnappyjava.so: failed to map segment from shared object");
        }, true);

        assertEquals("pure-java", factory.create().name());
        assertEquals("remora: native snappy is unavailable, compressing in pure Java (slower): "
                + "java.lang.UnsatisfiedLinkError: /tmp/snappy-1.1.10-libsnappyjava.so: failed to map segment"
                + " from shared object" + System.lineSeparator(), logged.toString(StandardCharsets.UTF_8));
    }

    @Test
    void whereLoadingNativeCodeWouldMakeTheJvmWarnItIsNotTriedAndNothingIsPrinted() {
        AtomicInteger attempts = new AtomicInteger();
        SnappyCompressors factory = new SnappyCompressors(() -> {
            attempts.incrementAndGet();
            return new NativeSnappyCompressor();
        }, false);

        assertEquals("pure-java", factory.create().name());
        assertEquals(0, attempts.get());
        assertEquals("", logged.toString(StandardCharsets.UTF_8));
    }
}
