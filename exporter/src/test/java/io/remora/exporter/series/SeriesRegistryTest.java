package io.remora.exporter.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.proto.Types;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SeriesRegistryTest {

    private final SeriesRegistry registry = new SeriesRegistry(Map.of("job", "shop", "instance", "host:1"));

    @Test
    void sortsLabelsAddsNameAndExternalLabels() {
        Series series = registry.register("http_requests_total", "method", "GET", "code", "200");
        assertEquals(List.of(new Label("__name__", "http_requests_total"), new Label("code", "200"),
                new Label("instance", "host:1"), new Label("job", "shop"), new Label("method", "GET")),
                series.labels());
    }

    @Test
    void ownLabelWinsOverExternalLabelOfSameName() {
        Series series = registry.register("up", "job", "batch");
        assertEquals(List.of(new Label("__name__", "up"), new Label("instance", "host:1"),
                new Label("job", "batch")), series.labels());
    }

    @Test
    void dropsEmptyValues() {
        Series series = registry.register("up", "zone", "");
        assertEquals(List.of(new Label("__name__", "up"), new Label("instance", "host:1"),
                new Label("job", "shop")), series.labels());
    }

    @Test
    void sameSeriesGetsSameIdAndDifferentSeriesDenseIds() {
        Series a = registry.register("a", "x", "1");
        Series again = registry.register("a", "x", "1");
        Series b = registry.register("a", "x", "2");
        assertSame(a, again);
        assertNotEquals(a.id(), b.id());
        assertSame(b, registry.byId(b.id()));
        assertEquals(2, registry.size());
    }

    @Test
    void manySeriesGrowTheIdTable() {
        for (int i = 0; i < 1000; i++) {
            Series series = registry.register("s", "i", Integer.toString(i));
            assertSame(series, registry.byId(series.id()));
        }
        assertEquals(1000, registry.size());
    }

    @Test
    void refusesInvalidNamesWithReasons() {
        assertRefused("metric name 1abc is invalid at position 0", () -> registry.register("1abc"));
        assertRefused("metric name a-b is invalid at position 1", () -> registry.register("a-b"));
        assertRefused("label name bad:name is invalid at position 3",
                () -> registry.register("ok", "bad:name", "v"));
        assertRefused("label name __x is reserved", () -> registry.register("ok", "__x", "v"));
        assertRefused("label method appears more than once",
                () -> registry.register("ok", "method", "a", "method", "b"));
        assertRefused("must come in pairs", () -> registry.register("ok", "method"));
        assertRefused("unpaired surrogate", () -> registry.register("ok", "v", "\ud800x"));
        assertEquals(7, registry.refusedCount());
        assertEquals(0, registry.size());
    }

    @Test
    void acceptsColonsInMetricNamesAndUnicodeValues() {
        Series series = registry.register("job:requests:rate5m", "city", "Z\u00fcrich \ud83d\ude00");
        assertEquals("job:requests:rate5m", series.name());
    }

    @Test
    void encodedLabelsAreTheTimeSeriesLabelsField() throws Exception {
        Series series = registry.register("jvm_memory_used_bytes", "area", "heap", "city", "Z\u00fcrich");
        Types.TimeSeries decoded = Types.TimeSeries.parseFrom(series.encodedLabels());
        assertEquals(series.labels().size(), decoded.getLabelsCount());
        for (int i = 0; i < decoded.getLabelsCount(); i++) {
            assertEquals(series.labels().get(i).name(), decoded.getLabels(i).getName());
            assertEquals(series.labels().get(i).value(), decoded.getLabels(i).getValue());
        }
    }

    @Test
    void refusesInvalidExternalLabels() {
        assertThrows(InvalidSeriesException.class, () -> new SeriesRegistry(Map.of("bad-name", "x")));
    }

    private static void assertRefused(String reason, Executable register) {
        InvalidSeriesException e = assertThrows(InvalidSeriesException.class, register);
        assertTrue(e.getMessage().contains(reason), () -> "expected '" + reason + "' in: " + e.getMessage());
    }
}
