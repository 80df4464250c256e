package io.remora.bootstrap.meter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.remora.bootstrap.AllocatedBytes;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The instrumentation's hot path (find the label set, record) allocates nothing once warmed up. */
class RecordPathAllocationTest {

    private static final int WINDOWS = 5;

    @Test
    void lookupAndRecordAllocateNothing() {
        MeterRegistry registry = new MeterRegistry();
        HistogramFamily http = registry.histogram("http_server_request_duration_seconds", BucketBounds.HTTP_DURATION,
                100, "http_request_method", "http_response_status_code", "http_route", "url_scheme", "error_type");
        CounterFamily tasks = registry.counter("tasks_total", 1, "pool");
        String[] statuses = {"200", "404", "500"};

        long[] allocated = AllocatedBytes.perWindow(WINDOWS, () -> record(http, tasks, statuses, 100_000));

        assertEquals(0, allocated[WINDOWS - 1],
                "bytes allocated by 100000 lookups and records, per window: " + Arrays.toString(allocated));
    }

    private static void record(HistogramFamily http, CounterFamily tasks, String[] statuses, int times) {
        for (int i = 0; i < times; i++) {
            http.labels("GET", statuses[i % 3], "/users", "http", "").record(i * 1_000L);
            tasks.labels("io").increment();
        }
    }
}
