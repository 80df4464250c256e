package io.remora.agent.config;

import java.time.Duration;

/**
 * Durations ({@code 500ms}, {@code 15s}, {@code 5m}, {@code 2h}) and sizes ({@code 64MiB}, {@code 1GiB}, bytes).
 * Read by hand, not with {@code java.util.regex}: compiling the first pattern costs premain 2 to 3 ms.
 */
public final class Units {

    /** Whitespace as {@code \s} means it: ASCII only. */
    private static final String SPACE = " \t\n\u000B\f\r";

    private Units() {
    }

    /** @throws IllegalArgumentException saying what is wrong, fit to follow {@code name=value: } */
    public static Duration parseDuration(String text) {
        String[] numberAndUnit = numberAndUnit(text, "a duration such as 500ms, 15s, 5m or 2h");
        long amount = amount(numberAndUnit[0], "duration");
        try {
            Duration duration = inUnit(amount, numberAndUnit[1]);
            duration.toNanos(); // the exporter counts in nanoseconds: refuse what would overflow there
            return duration;
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("too large");
        }
    }

    private static Duration inUnit(long amount, String unit) {
        switch (unit) {
            case "ms":
                return Duration.ofMillis(amount);
            case "s":
                return Duration.ofSeconds(amount);
            case "m":
                return Duration.ofMinutes(amount);
            case "h":
                return Duration.ofHours(amount);
            case "":
                throw new IllegalArgumentException("missing unit (use ms, s, m or h)");
            default:
                throw new IllegalArgumentException("unknown unit '" + unit + "' (use ms, s, m or h)");
        }
    }

    /** Bytes; plain numbers are bytes. */
    public static long parseSize(String text) {
        String[] numberAndUnit = numberAndUnit(text, "a size such as 64MiB, 1GiB or a number of bytes");
        long amount = amount(numberAndUnit[0], "size");
        String unit = numberAndUnit[1];
        long factor;
        switch (unit) {
            case "":
            case "B":
                factor = 1;
                break;
            case "KiB":
                factor = 1L << 10;
                break;
            case "MiB":
                factor = 1L << 20;
                break;
            case "GiB":
                factor = 1L << 30;
                break;
            case "TiB":
                factor = 1L << 40;
                break;
            default:
                throw new IllegalArgumentException("unknown unit '" + unit + "' (use B, KiB, MiB, GiB or TiB)");
        }
        if (amount > Long.MAX_VALUE / factor) {
            throw new IllegalArgumentException("too large");
        }
        return amount * factor;
    }

    /** {@code text} as {@code -?[0-9]+\s*[A-Za-z]*} once trimmed: its number and its unit (maybe empty). */
    private static String[] numberAndUnit(String text, String expected) {
        String trimmed = text.trim();
        int i = trimmed.startsWith("-") ? 1 : 0;
        int digits = i;
        while (i < trimmed.length() && trimmed.charAt(i) >= '0' && trimmed.charAt(i) <= '9') {
            i++;
        }
        int numberEnd = i;
        while (i < trimmed.length() && SPACE.indexOf(trimmed.charAt(i)) >= 0) {
            i++;
        }
        int unit = i;
        while (i < trimmed.length() && isAsciiLetter(trimmed.charAt(i))) {
            i++;
        }
        if (numberEnd == digits || i != trimmed.length()) {
            throw new IllegalArgumentException("not " + expected);
        }
        return new String[] {trimmed.substring(0, numberEnd), trimmed.substring(unit)};
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static long amount(String number, String what) {
        long amount;
        try {
            amount = Long.parseLong(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("too large");
        }
        if (amount < 0) {
            throw new IllegalArgumentException("negative " + what);
        }
        return amount;
    }

    /** The shortest exact spelling in the units {@link #parseDuration} accepts. */
    public static String formatDuration(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 3_600_000 == 0 && millis != 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis != 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }

    /** The shortest exact spelling in the units {@link #parseSize} accepts. */
    public static String formatSize(long bytes) {
        String[] units = {"TiB", "GiB", "MiB", "KiB"};
        for (int i = 0; i < units.length; i++) {
            long factor = 1L << (10 * (units.length - i));
            if (bytes != 0 && bytes % factor == 0) {
                return bytes / factor + units[i];
            }
        }
        return Long.toString(bytes);
    }
}
