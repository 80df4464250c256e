package io.remora.log;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Logs at most one line per period for one kind of event, and says how many were held back, so
 * that a failing endpoint or a full ring cannot flood the application's stderr.
 */
public final class RateLimitedLog {

    private final Log.Level level;
    private final long periodNanos;
    private final AtomicLong nextAllowedNanos;
    private final AtomicLong suppressed = new AtomicLong();

    public RateLimitedLog(Log.Level level, long periodNanos) {
        this.level = level;
        this.periodNanos = periodNanos;
        this.nextAllowedNanos = new AtomicLong(System.nanoTime());
    }

    public void log(String message) {
        long now = System.nanoTime();
        long allowed = nextAllowedNanos.get();
        if (now - allowed >= 0 && nextAllowedNanos.compareAndSet(allowed, now + periodNanos)) {
            long held = suppressed.getAndSet(0);
            Log.log(level, held == 0 ? message : message + " (" + held + " similar messages suppressed)");
        } else {
            suppressed.incrementAndGet();
        }
    }
}
