package io.remora.log;

import java.io.PrintStream;

/**
 * The agent's own log: one line per message on stderr, prefixed {@code remora:}.
 *
 * <p>Deliberately not java.util.logging: touching JUL from an agent initialises the JDK's log
 * manager before an application server installs its own, which breaks those servers.
 */
public final class Log {

    /** Severity, lowest first. */
    public enum Level { DEBUG, INFO, WARN, ERROR, OFF }

    private static volatile Level threshold = Level.INFO;
    private static volatile PrintStream out = System.err;

    private Log() {
    }

    public static void setLevel(Level level) {
        threshold = level;
    }

    public static boolean isEnabled(Level level) {
        return level != Level.OFF && level.compareTo(threshold) >= 0;
    }

    /** Redirects output, for tests that read what was logged. */
    public static void setOutput(PrintStream stream) {
        out = stream;
    }

    public static void debug(String message) {
        log(Level.DEBUG, message);
    }

    public static void info(String message) {
        log(Level.INFO, message);
    }

    public static void warn(String message) {
        log(Level.WARN, message);
    }

    public static void error(String message) {
        log(Level.ERROR, message);
    }

    public static void log(Level level, String message) {
        if (isEnabled(level)) {
            out.println("remora: " + message);
        }
    }
}
