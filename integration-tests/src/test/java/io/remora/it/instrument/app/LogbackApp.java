package io.remora.it.instrument.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;

/**
 * Logs a known number of events at each level through logback, with no appender: the root logger at
 * INFO (its DEBUG events are not logged, so not counted) and one logger at TRACE.
 */
public final class LogbackApp {

    public static final int ERRORS = 3;
    public static final int WARNINGS = 5;
    public static final int INFOS = 7;
    public static final int DISABLED_DEBUGS = 4;
    public static final int VERBOSE_DEBUGS = 2;
    public static final int VERBOSE_TRACES = 1;

    private LogbackApp() {
    }

    public static void main(String[] args) {
        LoggerContext context = new LoggerContext();
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
        Logger orders = context.getLogger("com.acme.orders");
        Logger verbose = context.getLogger("com.acme.verbose");
        verbose.setLevel(Level.TRACE);
        repeat(ERRORS, () -> orders.error("order {} failed", 42, new IllegalStateException("out of stock")));
        repeat(WARNINGS, () -> orders.warn("slow order"));
        repeat(INFOS, () -> orders.info("order placed"));
        repeat(DISABLED_DEBUGS, () -> orders.debug("not logged"));
        repeat(VERBOSE_DEBUGS, () -> verbose.debug("detail"));
        repeat(VERBOSE_TRACES, () -> verbose.trace("more detail"));
        System.out.println("logged");
    }

    static void repeat(int times, Runnable log) {
        for (int i = 0; i < times; i++) {
            log.run();
        }
    }
}
