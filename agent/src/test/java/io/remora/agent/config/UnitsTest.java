package io.remora.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UnitsTest {

    @Test
    void durationsTakeMillisecondsSecondsMinutesAndHours() {
        assertEquals(Duration.ofMillis(500), Units.parseDuration("500ms"));
        assertEquals(Duration.ofSeconds(15), Units.parseDuration("15s"));
        assertEquals(Duration.ofMinutes(5), Units.parseDuration("5m"));
        assertEquals(Duration.ofHours(2), Units.parseDuration(" 2h "));
    }

    @Test
    void durationWithoutOrWithUnknownUnitIsRefusedWithTheReason() {
        assertEquals("missing unit (use ms, s, m or h)",
                assertThrows(IllegalArgumentException.class, () -> Units.parseDuration("15")).getMessage());
        assertEquals("unknown unit 'x' (use ms, s, m or h)",
                assertThrows(IllegalArgumentException.class, () -> Units.parseDuration("15x")).getMessage());
        assertEquals("negative duration",
                assertThrows(IllegalArgumentException.class, () -> Units.parseDuration("-1s")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Units.parseDuration("1.5s"));
    }

    @Test
    void durationBeyondWhatNanosecondsHoldIsTooLarge() {
        assertEquals(Duration.ofHours(2_000_000), Units.parseDuration("2000000h"));
        assertEquals("too large",
                assertThrows(IllegalArgumentException.class, () -> Units.parseDuration("3000000h")).getMessage());
        assertEquals("too large", assertThrows(IllegalArgumentException.class,
                () -> Units.parseDuration("9223372036854775807ms")).getMessage());
    }

    @Test
    void sizesTakeBinaryUnitsOrPlainBytes() {
        assertEquals(64L << 20, Units.parseSize("64MiB"));
        assertEquals(1L << 30, Units.parseSize("1GiB"));
        assertEquals(4096, Units.parseSize("4096"));
        assertEquals(10, Units.parseSize("10B"));
        assertEquals(3L << 10, Units.parseSize("3KiB"));
    }

    @Test
    void badSizesAreRefusedWithTheReason() {
        assertEquals("negative size",
                assertThrows(IllegalArgumentException.class, () -> Units.parseSize("-5MiB")).getMessage());
        assertEquals("unknown unit 'MB' (use B, KiB, MiB, GiB or TiB)",
                assertThrows(IllegalArgumentException.class, () -> Units.parseSize("5MB")).getMessage());
        assertEquals("too large",
                assertThrows(IllegalArgumentException.class, () -> Units.parseSize("9999999999TiB")).getMessage());
    }

    @Test
    void formattingGivesBackWhatParsingAccepts() {
        assertEquals("15s", Units.formatDuration(Duration.ofSeconds(15)));
        assertEquals("2h", Units.formatDuration(Duration.ofHours(2)));
        assertEquals("1500ms", Units.formatDuration(Duration.ofMillis(1500)));
        assertEquals("1GiB", Units.formatSize(1L << 30));
        assertEquals("1000", Units.formatSize(1000));
    }
}
