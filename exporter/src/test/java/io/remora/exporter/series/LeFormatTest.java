package io.remora.exporter.series;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LeFormatTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void remoraBoundsAreWrittenWithoutExponents() {
        assertWritten(LeFormat.PLAIN, new double[] {0.0001, 0.0005, 0.005, 1, 10, 2.5e7, INF},
                "0.0001", "0.0005", "0.005", "1.0", "10.0", "25000000", "+Inf");
    }

    /** What client_java 1.x writes on micrometer-registry-prometheus's page: Double.toString, exponent kept. */
    @Test
    void micrometerBoundsAndQuantilesAreWrittenAsJavaWritesDoubles() {
        assertWritten(LeFormat.CLIENT_JAVA, new double[] {0.005, 1, 0.95, 0.0001, INF, -INF},
                "0.005", "1.0", "0.95", "1.0E-4", "+Inf", "-Inf");
    }

    private static void assertWritten(LeFormat style, double[] values, String... expected) {
        assertEquals(expected.length, values.length);
        for (int i = 0; i < values.length; i++) {
            assertEquals(expected[i], style.format(values[i]), style + " of " + values[i]);
        }
    }
}
