package io.remora.bootstrap.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.bootstrap.meter.Histogram;
import io.remora.bootstrap.meter.HistogramSnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MethodHooksTest {

    @Test
    void eachCallIsCountedUnderItsClassMethodAndErrorType() {
        String owner = "com.acme.HooksTestSvc";
        long start = System.nanoTime();
        MethodHooks.record(start, owner, "handle", null);
        MethodHooks.record(start, owner, "handle", null);
        MethodHooks.record(start, owner, "handle", new IllegalStateException("thrown"));
        MethodHooks.record(start, owner, "find", new java.io.UncheckedIOException(new java.io.IOException()));

        assertEquals(Map.of(
                owner + " handle ", 2L,
                owner + " handle java.lang.IllegalStateException", 1L,
                owner + " find java.io.UncheckedIOException", 1L), counts(owner));
    }

    @Test
    void theLabelSetIsFoundAgainForTheSameConstants() {
        Histogram first = MethodHooks.DURATION.labels("com.acme.HooksTestRepo", "save", "");
        MethodHooks.record(System.nanoTime(), "com.acme.HooksTestRepo", "save", null);
        assertSame(first, MethodHooks.DURATION.labels("com.acme.HooksTestRepo", "save", ""));
    }

    @Test
    void aDurationLandsInTheBucketOfItsLength() {
        String owner = "com.acme.HooksTestSlow";
        MethodHooks.record(System.nanoTime() - 2_000_000L, owner, "run", null); // 2 ms ago
        HistogramSnapshot snapshot = new HistogramSnapshot(MethodHooks.BOUNDS);
        MethodHooks.DURATION.labels(owner, "run", "").snapshot(snapshot);
        assertEquals(0, snapshot.cumulativeCount(2), "le=0.001");
        assertEquals(1, snapshot.cumulativeCount(5), "le=0.05");
        assertTrue(snapshot.sumSeconds() >= 0.002, "sum " + snapshot.sumSeconds());
    }

    private static Map<String, Long> counts(String owner) {
        Map<String, Long> counts = new HashMap<>();
        HistogramSnapshot snapshot = new HistogramSnapshot(MethodHooks.BOUNDS);
        MethodHooks.DURATION.forEachLabelSet((List<String> values, Histogram histogram) -> {
            if (values.get(0).equals(owner)) {
                histogram.snapshot(snapshot);
                counts.put(String.join(" ", values), snapshot.count());
            }
        });
        return counts;
    }
}
