package io.remora.exporter.send;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Ends HTTP exchanges that pass their deadline, by closing their socket from another thread: a
 * blocking socket has no deadline of its own for a whole exchange (a write to a receiver that does
 * not read waits forever, and a read timeout restarts with every byte a dripping receiver sends).
 * One daemon thread for the whole process, started at the first exchange and ended after a
 * minute without one. A plain thread and a list, not a ScheduledThreadPoolExecutor: the agent must
 * not be the one that loads the executor classes, which its instrumentation changes as they load.
 */
final class ExchangeWatchdog {

    private static final long IDLE_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final Object LOCK = new Object();
    /** One per exchange in flight: a sender has at most one. */
    private static final List<Armed> ARMED = new ArrayList<>();
    private static boolean running;

    private ExchangeWatchdog() {
    }

    /** Closes {@code connection} at {@code deadlineNanos} (System.nanoTime) unless the returned handle is cancelled first. */
    static Armed closeAt(HttpConnection connection, long deadlineNanos) {
        Armed armed = new Armed(connection, deadlineNanos);
        synchronized (LOCK) {
            ARMED.add(armed);
            if (!running) {
                running = true;
                Thread thread = new Thread(ExchangeWatchdog::watch, "remora-exchange-watchdog");
                thread.setDaemon(true);
                thread.start();
            }
            LOCK.notifyAll();
        }
        return armed;
    }

    private static void watch() {
        while (true) {
            List<Armed> due = new ArrayList<>();
            synchronized (LOCK) {
                try {
                    if (ARMED.isEmpty()) {
                        TimeUnit.NANOSECONDS.timedWait(LOCK, IDLE_NANOS);
                        if (ARMED.isEmpty()) {
                            running = false;
                            return;
                        }
                    }
                    long now = System.nanoTime();
                    long wait = Long.MAX_VALUE;
                    for (Armed armed : ARMED) {
                        if (armed.deadlineNanos - now <= 0) {
                            due.add(armed);
                        }
                        wait = Math.min(wait, armed.deadlineNanos - now);
                    }
                    if (due.isEmpty()) {
                        TimeUnit.NANOSECONDS.timedWait(LOCK, wait); // or until another exchange begins
                        continue;
                    }
                } catch (InterruptedException e) {
                    running = false;
                    return;
                }
                ARMED.removeAll(due);
            }
            for (Armed armed : due) {
                armed.connection.close(); // never blocks
            }
        }
    }

    /** An exchange being watched. */
    static final class Armed {
        private final HttpConnection connection;
        private final long deadlineNanos;

        private Armed(HttpConnection connection, long deadlineNanos) {
            this.connection = connection;
            this.deadlineNanos = deadlineNanos;
        }

        /** The exchange ended in time: its connection is not closed. */
        void cancel() {
            synchronized (LOCK) {
                ARMED.remove(this);
            }
        }
    }
}
