package io.remora.bootstrap.logging;

import io.remora.bootstrap.Meters;
import io.remora.bootstrap.meter.Counter;
import io.remora.bootstrap.meter.CounterFamily;

/**
 * What the logging advice calls: the events logged at each level, under the names and labels of
 * Micrometer's {@code LogbackMetrics} and {@code Log4j2Metrics} as its Prometheus registry writes
 * them ({@code logback_events_total{level}}, {@code log4j2_events_total{level}}, levels in lower
 * case), so dashboards built on those work unchanged. Every level's counter exists from the first
 * event, as Micrometer registers them all at once; a call finds its counter by the level's number,
 * with no lookup and nothing allocated.
 */
public final class LogEvents {

    private static final int LEVELS = 8;

    public static final CounterFamily LOGBACK = Meters.REGISTRY.counter("logback_events_total", LEVELS, "level");
    public static final CounterFamily LOG4J2 = Meters.REGISTRY.counter("log4j2_events_total", LEVELS, "level");

    private static final Counter LOGBACK_ERROR = LOGBACK.labels("error");
    private static final Counter LOGBACK_WARN = LOGBACK.labels("warn");
    private static final Counter LOGBACK_INFO = LOGBACK.labels("info");
    private static final Counter LOGBACK_DEBUG = LOGBACK.labels("debug");
    private static final Counter LOGBACK_TRACE = LOGBACK.labels("trace");

    private static final Counter LOG4J2_FATAL = LOG4J2.labels("fatal");
    private static final Counter LOG4J2_ERROR = LOG4J2.labels("error");
    private static final Counter LOG4J2_WARN = LOG4J2.labels("warn");
    private static final Counter LOG4J2_INFO = LOG4J2.labels("info");
    private static final Counter LOG4J2_DEBUG = LOG4J2.labels("debug");
    private static final Counter LOG4J2_TRACE = LOG4J2.labels("trace");

    private LogEvents() {
    }

    /** @param level logback's {@code Level.toInt()}: ERROR 40000, WARN 30000, INFO 20000, DEBUG 10000, TRACE 5000 */
    public static void logback(int level) {
        if (level >= 40_000) {
            LOGBACK_ERROR.increment();
        } else if (level >= 30_000) {
            LOGBACK_WARN.increment();
        } else if (level >= 20_000) {
            LOGBACK_INFO.increment();
        } else if (level >= 10_000) {
            LOGBACK_DEBUG.increment();
        } else {
            LOGBACK_TRACE.increment();
        }
    }

    /**
     * @param level log4j2's {@code Level.intLevel()}: FATAL 100, ERROR 200, WARN 300, INFO 400, DEBUG
     *     500, TRACE 600 (smaller is more severe; a custom level counts with the standard one at or below it)
     */
    public static void log4j2(int level) {
        if (level <= 100) {
            LOG4J2_FATAL.increment();
        } else if (level <= 200) {
            LOG4J2_ERROR.increment();
        } else if (level <= 300) {
            LOG4J2_WARN.increment();
        } else if (level <= 400) {
            LOG4J2_INFO.increment();
        } else if (level <= 500) {
            LOG4J2_DEBUG.increment();
        } else {
            LOG4J2_TRACE.increment();
        }
    }
}
