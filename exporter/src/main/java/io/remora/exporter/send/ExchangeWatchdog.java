package io.remora.exporter.send;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Ends HTTP exchanges that pass their deadline, by closing their socket from another thread: a
 * blocking socket has no deadline of its own for a whole exchange (a write to a receiver that does
 * not read waits forever, and a read timeout restarts with every byte a dripping receiver sends).
 * One daemon thread for the whole process, started at the first exchange and ended after a
 * minute without one.
 */
final class ExchangeWatchdog {

    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private ExchangeWatchdog() {
    }

    /** Closes {@code connection} at {@code deadlineNanos} (System.nanoTime) unless the returned handle is cancelled first. */
    static ScheduledFuture<?> closeAt(HttpConnection connection, long deadlineNanos) {
        return TIMER.schedule(connection::close, Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "remora-exchange-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.setKeepAliveTime(1, TimeUnit.MINUTES);
        timer.allowCoreThreadTimeOut(true);
        return timer;
    }
}
