package io.remora.bootstrap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

/** Counts what a piece of work allocates on the current thread, for the record-path tests. */
public final class AllocatedBytes {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocatedBytes() {
    }

    /**
     * Runs {@code work} once to warm it up (label sets created, classes loaded, code compiled),
     * then {@code windows} times more, and returns the bytes each of those allocated. The JIT may
     * still recompile in the first windows (a deoptimisation materialises a few objects once); an
     * allocation per operation shows in every window, the last one included.
     */
    public static long[] perWindow(int windows, Runnable work) {
        assertTrue(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled(),
                "this JVM cannot count allocated bytes per thread");
        work.run();
        long thread = Thread.currentThread().getId();
        // the probe allocates on its first calls: warm it up so that it measures only the work
        long measuringItself = 0;
        for (int i = 0; i < 10; i++) {
            measuringItself = -THREADS.getThreadAllocatedBytes(thread) + THREADS.getThreadAllocatedBytes(thread);
        }
        long[] allocated = new long[windows];
        for (int window = 0; window < windows; window++) {
            long before = THREADS.getThreadAllocatedBytes(thread);
            work.run();
            allocated[window] = THREADS.getThreadAllocatedBytes(thread) - before - measuringItself;
        }
        return allocated;
    }
}
