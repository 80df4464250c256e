package io.remora.bootstrap.meter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MeterRegistryTest {

    @Test
    void familiesAreListedInRegistrationOrder() {
        MeterRegistry registry = new MeterRegistry();
        HistogramFamily http = registry.histogram("http_server_request_duration_seconds",
                BucketBounds.HTTP_DURATION, 10, "http_route");
        CounterFamily tasks = registry.counter("tasks_total", 10);
        assertEquals(List.of(http, tasks), registry.families());
        assertSame(BucketBounds.HTTP_DURATION, http.bounds());
        assertEquals("tasks_total", registry.families().get(1).name());
    }

    @Test
    void aSecondFamilyOfTheSameNameIsRefused() {
        MeterRegistry registry = new MeterRegistry();
        registry.counter("tasks_total", 10);
        assertThrows(IllegalArgumentException.class, () -> registry.histogram("tasks_total", BucketBounds.DB_DURATION, 10));
        assertEquals(1, registry.families().size());
    }
}
