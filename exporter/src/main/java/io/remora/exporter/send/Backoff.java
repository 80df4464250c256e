package io.remora.exporter.send;

import java.time.Duration;
import java.util.Random;

/**
 * Capped exponential backoff with "equal jitter": before retry {@code n} (from 0) the ceiling is
 * {@code min(max, min * 2^(n+1))} and the delay is drawn uniformly from the upper half of it, never
 * below {@code min}.
 *
 * <p>Equal rather than full jitter: full jitter (uniform in {@code [0, ceiling]}) can draw a delay
 * near zero at any attempt and hammer a receiver that is just coming back, and a fleet of agents
 * restarted together still spreads out with half the range jittered. Drawing from the upper half
 * also means each delay is at least as long as the longest the previous retry could have drawn, so
 * the wait really grows with every failure.
 */
final class Backoff {

    private final long minNanos;
    private final long maxNanos;
    private final Random random;

    Backoff(Duration min, Duration max, Random random) {
        this.minNanos = min.toNanos();
        this.maxNanos = max.toNanos();
        this.random = random;
    }

    /** The wait before retry number {@code retry}, counting from 0. */
    Duration delay(int retry) {
        long ceiling = ceiling(retry);
        long half = ceiling / 2;
        long drawn = half + (long) (random.nextDouble() * (ceiling - half));
        return Duration.ofNanos(Math.max(minNanos, drawn));
    }

    /** The longest delay retry {@code retry} can draw; the shortest is half of it (or min). */
    long ceiling(int retry) {
        long ceiling = minNanos;
        for (int i = 0; i <= retry && ceiling < maxNanos; i++) {
            ceiling *= 2;
        }
        return Math.min(ceiling, maxNanos);
    }
}
