package io.remora.exporter.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration MIN = Duration.ofMillis(30);
    private static final Duration MAX = Duration.ofSeconds(5);

    @Test
    void ceilingDoublesFromTwiceMinUntilMax() {
        Backoff backoff = new Backoff(MIN, MAX, new Random(1));
        assertEquals(Duration.ofMillis(60).toNanos(), backoff.ceiling(0));
        assertEquals(Duration.ofMillis(120).toNanos(), backoff.ceiling(1));
        assertEquals(Duration.ofMillis(3840).toNanos(), backoff.ceiling(6));
        assertEquals(MAX.toNanos(), backoff.ceiling(7));
        assertEquals(MAX.toNanos(), backoff.ceiling(1_000_000));
    }

    @Test
    void delaysStayBetweenMinAndMaxAndGrowUntilCapped() {
        for (long seed = 0; seed < 100; seed++) {
            Backoff backoff = new Backoff(MIN, MAX, new Random(seed));
            Duration previous = Duration.ZERO;
            for (int retry = 0; retry < 20; retry++) {
                Duration delay = backoff.delay(retry);
                assertTrue(delay.compareTo(MIN) >= 0, "seed " + seed + " retry " + retry + ": " + delay);
                assertTrue(delay.compareTo(MAX) <= 0, "seed " + seed + " retry " + retry + ": " + delay);
                assertTrue(delay.toNanos() >= backoff.ceiling(retry) / 2, "upper half of the ceiling: " + delay);
                if (backoff.ceiling(retry) < MAX.toNanos()) {
                    assertTrue(delay.compareTo(previous) >= 0, "seed " + seed + " retry " + retry + " shrank");
                }
                previous = delay;
            }
        }
    }

    @Test
    void jitterSpreadsDelaysOfTheSameRetry() {
        Random random = new Random(42);
        Backoff backoff = new Backoff(MIN, MAX, random);
        Set<Duration> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            seen.add(backoff.delay(10));
        }
        assertTrue(seen.size() > 40, "capped delays should still be jittered, saw " + seen.size() + " distinct");
    }

    @Test
    void maxBelowTwiceMinNeverGoesUnderMin() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(120), new Random(3));
        for (int retry = 0; retry < 10; retry++) {
            Duration delay = backoff.delay(retry);
            assertTrue(delay.toMillis() >= 100 && delay.toMillis() <= 120, delay.toString());
        }
    }
}
