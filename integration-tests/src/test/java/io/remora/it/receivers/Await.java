package io.remora.it.receivers;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls a receiver until what it answers satisfies a condition, within a bounded time. */
public final class Await {

    private static final long PAUSE_MS = 200;

    private Await() {
    }

    /** The first answer that satisfies {@code done}; an AssertionError with the last answer after {@code timeout}. */
    public static <T> T until(String what, Duration timeout, Supplier<T> probe, Predicate<? super T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; last answer: " + last);
            }
            try {
                Thread.sleep(PAUSE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
            last = probe.get();
        }
        return last;
    }
}
