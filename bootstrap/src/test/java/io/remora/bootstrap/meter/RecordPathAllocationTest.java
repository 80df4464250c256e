package io.remora.bootstrap.meter;

import io.remora.bootstrap.AllocatedBytes;
import org.junit.jupiter.api.Test;

/** The instrumentation's hot path (find the label set, record) allocates nothing once warmed up. */
class RecordPathAllocationTest {

    @Test
    void lookupAndRecordAllocateNothing() {
        MeterRegistry registry = new MeterRegistry();
        HistogramFamily http = registry.histogram("http_server_request_duration_seconds", BucketBounds.HTTP_DURATION,
                100, "http_request_method", "http_response_status_code", "http_route", "url_scheme", "error_type");
        CounterFamily tasks = registry.counter("tasks_total", 1, "pool");
        TimerFamily acquire = registry.timer("acquire_seconds", 1, "pool");
        String[] statuses = {"200", "404", "500"};

        AllocatedBytes.assertAllocatesNothing("100000 lookups and records",
                () -> record(http, tasks, acquire, statuses, 100_000));
    }

    private static void record(HistogramFamily http, CounterFamily tasks, TimerFamily acquire, String[] statuses,
            int times) {
        for (int i = 0; i < times; i++) {
            http.labels("GET", statuses[i % 3], "/users", "http", "").record(i * 1_000L);
            tasks.labels("io").increment();
            acquire.labels("orders").record(i);
        }
    }
}
