package io.remora.exporter.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2024-03-01T12:00:00Z");
    private static final Duration CAP = Duration.ofMinutes(5);

    private static Duration parse(String header) {
        return RetryAfter.parse(header, NOW, CAP);
    }

    @Test
    void deltaSeconds() {
        assertEquals(Duration.ofSeconds(2), parse("2"));
        assertEquals(Duration.ofSeconds(7), parse(" 7 "));
        assertEquals(Duration.ZERO, parse("0"));
    }

    @Test
    void httpDate() {
        assertEquals(Duration.ofSeconds(10), parse("Fri, 01 Mar 2024 12:00:10 GMT"));
        String formatted = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(90).atZone(ZoneOffset.UTC));
        assertEquals(Duration.ofSeconds(90), parse(formatted));
    }

    @Test
    void dateInThePastMeansNow() {
        assertEquals(Duration.ZERO, parse("Fri, 01 Mar 2024 11:59:00 GMT"));
    }

    @Test
    void garbageIsIgnored() {
        assertNull(parse(null));
        assertNull(parse(""));
        assertNull(parse("soon"));
        assertNull(parse("1.5"));
        assertNull(parse("2s"));
        assertNull(parse("Friday, 01-Mar-24 12:00:10 GMT")); // obsolete RFC 850 form
        assertNull(parse("Fri, 32 Mar 2024 12:00:10 GMT"));
    }

    @Test
    void negativeIsIgnored() {
        assertNull(parse("-5"));
    }

    @Test
    void hugeIsCapped() {
        assertEquals(CAP, parse("86400"));
        assertEquals(CAP, parse("999999999999999999999999999"));
        assertEquals(CAP, parse("Sat, 01 Mar 2025 12:00:00 GMT"));
    }

    @Test
    void capIsFiveMinutesUnlessMaxBackoffIsLonger() {
        assertEquals(Duration.ofMinutes(5), RetryAfter.cap(Duration.ofSeconds(5)));
        assertEquals(Duration.ofMinutes(10), RetryAfter.cap(Duration.ofMinutes(10)));
    }
}
