package io.remora.exporter.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextExpositionTest {

    @Test
    void readsLabelsAndValuesSortedWithEmptyLabelsDropped() {
        Map<String, Double> parsed = TextExposition.parse(
                "# TYPE a counter\na_total{x=\"1\",e=\"\"} 2.0\nb 3\nc{le=\"+Inf\"} 4\n");
        assertEquals(Map.of("a_total{x=\"1\"}", 2.0, "b{}", 3.0, "c{le=\"+Inf\"}", 4.0), parsed);
        assertEquals(new ArrayList<>(List.of("a_total{x=\"1\"}", "b{}", "c{le=\"+Inf\"}")),
                new ArrayList<>(parsed.keySet()));
    }
}
