package io.remora.exporter.send;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads a {@code Retry-After} header (RFC 9110 10.2.3): delta-seconds or an IMF-fixdate such as
 * {@code Sun, 06 Nov 1994 08:49:37 GMT}. The obsolete RFC 850 and asctime date forms are treated
 * as garbage, as is anything negative or unparsable: the caller then falls back to its own backoff.
 */
final class RetryAfter {

    /** Longest wait we honour, whatever the receiver asks; see {@link #cap(Duration)}. */
    static final Duration LONGEST_HONOURED = Duration.ofMinutes(5);

    private RetryAfter() {
    }

    /**
     * The longest delay honoured for an endpoint: a throttling receiver may ask for more than our own
     * max backoff and gets it, up to five minutes; past that the request queue would fill and drop
     * samples anyway, and a receiver asking for hours is more likely broken than busy.
     */
    static Duration cap(Duration maxBackoff) {
        return maxBackoff.compareTo(LONGEST_HONOURED) > 0 ? maxBackoff : LONGEST_HONOURED;
    }

    /** The delay asked for, at most {@code cap}, or null when the header is absent or garbage. */
    static Duration parse(String header, Instant now, Duration cap) {
        if (header == null) {
            return null;
        }
        String value = header.trim();
        if (value.isEmpty()) {
            return null;
        }
        if (allDigits(value)) {
            // more than 19 digits cannot be a long, and is certainly beyond the cap
            if (value.length() > 18) {
                return cap;
            }
            return min(Duration.ofSeconds(Long.parseLong(value)), cap);
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration delay = Duration.between(now, at);
            return delay.isNegative() ? Duration.ZERO : min(delay, cap);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean allDigits(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
