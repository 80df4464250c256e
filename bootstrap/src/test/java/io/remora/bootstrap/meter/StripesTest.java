package io.remora.bootstrap.meter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StripesTest {

    @Test
    void growingDoublesUpToTheCapAndKeepsEveryCount() {
        Stripes stripes = new Stripes(2);
        Stripes.add(stripes.current(), 0, 3L);
        stripes.addDetectingContention(stripes.current(), 1, 4L);
        int expected = 1;
        while (expected < Stripes.MAX_STRIPES) {
            assertEquals(expected, stripes.stripeCount());
            stripes.grow();
            expected *= 2;
            Stripes.add(stripes.current(), 0, 3L);
        }
        stripes.grow();
        assertEquals(Stripes.MAX_STRIPES, stripes.stripeCount());
        int grown = Integer.numberOfTrailingZeros(Stripes.MAX_STRIPES);
        assertEquals(3L * (grown + 1), stripes.sum(0));
        assertEquals(4L, stripes.sum(1));
    }

    @Test
    void capIsThePowerOfTwoAtOrAboveTwiceTheProcessors() {
        assertEquals(1, Integer.bitCount(Stripes.MAX_STRIPES));
        assertTrue(Stripes.MAX_STRIPES >= 2 * Runtime.getRuntime().availableProcessors());
        assertTrue(Stripes.MAX_STRIPES < 4 * Runtime.getRuntime().availableProcessors());
    }
}
