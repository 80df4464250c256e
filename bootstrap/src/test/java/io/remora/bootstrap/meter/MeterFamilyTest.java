package io.remora.bootstrap.meter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class MeterFamilyTest {

    private final MeterRegistry registry = new MeterRegistry();

    @Test
    void sameLabelValuesGiveTheSameMeterEvenAsOtherStringInstances() {
        HistogramFamily http = httpServerFamily(100);
        Histogram get = http.labels("GET", "200", "/users", "http", "");
        assertSame(get, http.labels(new String("GET"), new String("200"), "/users", "http", ""));
        assertNotSame(get, http.labels("GET", "404", "/users", "http", ""));
        assertNotSame(get, http.labels("GET", "200", "/users", "https", ""));
        assertSame(http.labels("GET", "200", "/users", "http", null), get, "null counts as empty");
    }

    @Test
    void labelSetsAreEnumeratedWithTheirValuesInLabelOrder() {
        CounterFamily db = registry.counter("db_ops_total", 10, "db_system_name", "db_operation_name");
        db.labels("h2", "SELECT").add(3);
        db.labels("h2", "INSERT").add(1);
        db.labels("h2", "SELECT").add(2);

        Map<List<String>, Long> seen = collect(db);
        Map<List<String>, Long> expected = new LinkedHashMap<>();
        expected.put(List.of("h2", "SELECT"), 5L);
        expected.put(List.of("h2", "INSERT"), 1L);
        assertEquals(expected, seen);
        assertEquals(List.of("db_system_name", "db_operation_name"), db.labelNames());
    }

    @Test
    void pastTheCapLookupsGoToOneOverflowSeriesAndAreCounted() {
        CounterFamily family = registry.counter("requests_total", 3, "http_route");
        Counter a = family.labels("/a");
        family.labels("/b");
        family.labels("/c");
        Counter overflow = family.labels("/d");
        assertSame(overflow, family.labels("/e"));
        assertNotSame(a, overflow);
        assertSame(a, family.labels("/a"), "label sets under the cap keep their meter");
        assertEquals(2, family.overflowedLookups());

        overflow.increment();
        Map<List<String>, Long> seen = collect(family);
        assertEquals(4, seen.size());
        assertEquals(1L, seen.get(List.of(MeterFamily.OVERFLOW_VALUE)));
    }

    @Test
    void overflowSeriesIsNotEnumeratedBeforeTheCapIsReached() {
        CounterFamily family = registry.counter("requests_total", 3, "http_route", "http_request_method");
        family.labels("/a", "GET");
        assertEquals(List.of(List.of("/a", "GET")), new ArrayList<>(collect(family).keySet()));
        assertEquals(0, family.overflowedLookups());
    }

    @Test
    void familyWithoutLabelsHasOneMeter() {
        CounterFamily family = registry.counter("starts_total", 1);
        assertSame(family.labels(), family.labels());
        family.labels().increment();
        assertEquals(Map.of(List.of(), 1L), collect(family));
    }

    @Test
    void wrongNumberOfLabelValuesIsRefused() {
        HistogramFamily db = registry.histogram("db_client_operation_duration_seconds", BucketBounds.DB_DURATION, 10,
                "db_system_name", "db_operation_name", "error_type");
        assertThrows(IllegalArgumentException.class, () -> db.labels("h2", "SELECT"));
        assertThrows(IllegalArgumentException.class, () -> db.labels("h2", "SELECT", "", ""));
    }

    @Test
    void limitsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> registry.counter("six_labels", 10, "a", "b", "c", "d", "e", "f"));
        assertThrows(IllegalArgumentException.class, () -> registry.counter("no_label_sets", 0, "a"));
    }

    @Test
    void threadsAddingTheSameNewLabelSetsAtOnceShareOneMeterPerSet() throws Exception {
        HistogramFamily http = httpServerFamily(1000);
        String[] routes = new String[200];
        for (int i = 0; i < routes.length; i++) {
            routes[i] = "/route/" + i;
        }
        Map<String, Map<Histogram, Boolean>> metersByRoute = new ConcurrentHashMap<>();
        HistogramTest.runConcurrently(4, () -> {
            for (String route : routes) {
                Histogram meter = http.labels("GET", "200", new String(route), "http", "");
                meter.record(1_000_000);
                metersByRoute.computeIfAbsent(route, r -> new ConcurrentHashMap<>()).put(meter, true);
            }
        });
        for (String route : routes) {
            assertEquals(1, metersByRoute.get(route).size(), route);
        }
        HistogramSnapshot snapshot = new HistogramSnapshot(BucketBounds.HTTP_DURATION);
        Map<Histogram, Boolean> enumerated = new IdentityHashMap<>();
        http.forEachLabelSet((values, meter) -> {
            meter.snapshot(snapshot);
            assertEquals(4, snapshot.count(), values.toString());
            enumerated.put(meter, true);
        });
        assertEquals(routes.length, enumerated.size());
        assertEquals(0, http.overflowedLookups());
    }

    @Test
    void enumeratedLabelValuesCannotBeChanged() {
        CounterFamily family = registry.counter("x_total", 2, "a");
        family.labels("v");
        family.forEachLabelSet((values, meter) ->
                assertThrows(UnsupportedOperationException.class, () -> values.set(0, "w")));
        assertEquals(Arrays.asList("a"), family.labelNames());
    }

    private HistogramFamily httpServerFamily(int maxLabelSets) {
        return registry.histogram("http_server_request_duration_seconds", BucketBounds.HTTP_DURATION, maxLabelSets,
                "http_request_method", "http_response_status_code", "http_route", "url_scheme", "error_type");
    }

    private static Map<List<String>, Long> collect(CounterFamily family) {
        Map<List<String>, Long> seen = new LinkedHashMap<>();
        family.forEachLabelSet((values, meter) -> seen.put(values, meter.sum()));
        return seen;
    }
}
