package io.remora.bootstrap.meter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TimerTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long ROTATE = Timer.ROTATE_SECONDS * SECOND;

    @Test
    void concurrentRecordsLoseNothingAndKeepTheLargest() throws Exception {
        Timer timer = new Timer();
        HistogramTest.runConcurrently(4, () -> {
            for (int i = 1; i <= 100_000; i++) {
                timer.record(i);
            }
        });
        assertEquals(400_000, timer.count());
        assertEquals(4 * (100_000L * 100_001 / 2) / 1e9, timer.sumSeconds(), 1e-9);
        assertEquals(100_000 / 1e9, timer.maxSeconds(System.nanoTime()), 1e-15);
    }

    /** Read midway through each 40 s window, so that rotations fall between reads. */
    @Test
    void theMaxDecaysAfterTwoToThreeRotationsAsMicrometersDoes() {
        long start = System.nanoTime();
        Timer timer = new Timer();
        timer.record(3 * SECOND);
        timer.record(-5); // a clock stepping back: zero
        assertEquals(3.0, timer.maxSeconds(start + ROTATE / 2));
        assertEquals(3.0, timer.maxSeconds(start + ROTATE + ROTATE / 2));
        timer.record(SECOND);
        assertEquals(3.0, timer.maxSeconds(start + 2 * ROTATE + ROTATE / 2));
        // three rotations after it, the 3 s are gone; the 1 s, recorded a rotation later, stays one more
        assertEquals(1.0, timer.maxSeconds(start + 3 * ROTATE + ROTATE / 2));
        assertEquals(0.0, timer.maxSeconds(start + 4 * ROTATE + ROTATE / 2));
        assertEquals(3, timer.count());
        assertEquals(4.0, timer.sumSeconds(), 1e-9);
    }

    @Test
    void aLongIdleSpellClearsEveryWindow() {
        long start = System.nanoTime();
        Timer timer = new Timer();
        timer.record(SECOND);
        assertEquals(0.0, timer.maxSeconds(start + 100 * ROTATE));
        timer.record(2 * SECOND);
        assertEquals(2.0, timer.maxSeconds(start + 100 * ROTATE + 1));
    }
}
