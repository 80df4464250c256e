package io.remora.exporter.series;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LeFormatTest {

    @Test
    void remoraBoundsAreWrittenWithoutExponents() {
        assertEquals("0.0001", LeFormat.PLAIN.format(0.0001));
        assertEquals("0.0005", LeFormat.PLAIN.format(0.0005));
        assertEquals("0.005", LeFormat.PLAIN.format(0.005));
        assertEquals("1.0", LeFormat.PLAIN.format(1));
        assertEquals("10.0", LeFormat.PLAIN.format(10));
        assertEquals("25000000", LeFormat.PLAIN.format(2.5e7));
        assertEquals("+Inf", LeFormat.PLAIN.format(Double.POSITIVE_INFINITY));
    }

    @Test
    void micrometerBoundsAndQuantilesAreWrittenAsJavaWritesDoubles() {
        assertEquals("0.005", LeFormat.CLIENT_JAVA.format(0.005));
        assertEquals("1.0", LeFormat.CLIENT_JAVA.format(1));
        assertEquals("0.95", LeFormat.CLIENT_JAVA.format(0.95));
        assertEquals("1.0E-4", LeFormat.CLIENT_JAVA.format(0.0001));
        assertEquals("+Inf", LeFormat.CLIENT_JAVA.format(Double.POSITIVE_INFINITY));
        assertEquals("-Inf", LeFormat.CLIENT_JAVA.format(Double.NEGATIVE_INFINITY));
    }
}
