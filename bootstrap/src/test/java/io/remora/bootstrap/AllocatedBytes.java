package io.remora.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/** Checks that a piece of work allocates nothing on the current thread, for the record-path tests. */
public final class AllocatedBytes {

    private static final int WARM_UPS = 2;
    private static final int WINDOWS = 5;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocatedBytes() {
    }

    /**
     * Runs {@code work} to warm it up (label sets created, classes loaded, code compiled), then
     * in five windows, and fails unless one window allocated nothing at all. An allocation per
     * operation, even in one operation of thousands, shows in every window; the JIT on a loaded
     * machine may still recompile in any window, and a deoptimisation materialises a few objects
     * once (760 bytes in the last window was seen in CI), so the quietest window is the measure.
     */
    public static void assertAllocatesNothing(String what, Runnable work) {
        assertTrue(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled(),
                "this JVM cannot count allocated bytes per thread");
        for (int i = 0; i < WARM_UPS; i++) {
            work.run();
        }
        long thread = Thread.currentThread().getId();
        // the probe allocates on its first calls: warm it up so that it measures only the work
        long measuringItself = 0;
        for (int i = 0; i < 10; i++) {
            measuringItself = -THREADS.getThreadAllocatedBytes(thread) + THREADS.getThreadAllocatedBytes(thread);
        }
        long[] allocated = new long[WINDOWS];
        for (int window = 0; window < WINDOWS; window++) {
            long before = THREADS.getThreadAllocatedBytes(thread);
            work.run();
            allocated[window] = THREADS.getThreadAllocatedBytes(thread) - before - measuringItself;
        }
        assertEquals(0, Arrays.stream(allocated).min().getAsLong(),
                "bytes allocated by " + what + ", per window: " + Arrays.toString(allocated));
    }
}
