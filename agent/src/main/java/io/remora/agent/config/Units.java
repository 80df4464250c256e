package io.remora.agent.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations ({@code 500ms}, {@code 15s}, {@code 5m}, {@code 2h}) and sizes ({@code 64MiB}, {@code 1GiB}, bytes). */
public final class Units {

    private static final Pattern NUMBER_AND_UNIT = Pattern.compile("(-?[0-9]+)\\s*([A-Za-z]*)");

    private Units() {
    }

    /** @throws IllegalArgumentException saying what is wrong, fit to follow {@code name=value: } */
    public static Duration parseDuration(String text) {
        Matcher matcher = matchNumberAndUnit(text, "a duration such as 500ms, 15s, 5m or 2h");
        long amount = amount(matcher, "duration");
        try {
            Duration duration = inUnit(amount, matcher.group(2));
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
        Matcher matcher = matchNumberAndUnit(text, "a size such as 64MiB, 1GiB or a number of bytes");
        long amount = amount(matcher, "size");
        String unit = matcher.group(2);
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

    private static Matcher matchNumberAndUnit(String text, String expected) {
        Matcher matcher = NUMBER_AND_UNIT.matcher(text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not " + expected);
        }
        return matcher;
    }

    private static long amount(Matcher matcher, String what) {
        long amount;
        try {
            amount = Long.parseLong(matcher.group(1));
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
