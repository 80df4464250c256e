package io.remora.bootstrap.meter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The instrumentation's hot path (find the label set, record) allocates nothing once warmed up. */
class RecordPathAllocationTest {

    private static final int WINDOWS = 5;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void lookupAndRecordAllocateNothing() {
        assertTrue(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled(),
                "this JVM cannot count allocated bytes per thread");
        MeterRegistry registry = new MeterRegistry();
        HistogramFamily http = registry.histogram("http_server_request_duration_seconds", BucketBounds.HTTP_DURATION,
                100, "http_request_method", "http_response_status_code", "http_route", "url_scheme", "error_type");
        CounterFamily tasks = registry.counter("tasks_total", 1, "pool");
        String[] statuses = {"200", "404", "500"};
        record(http, tasks, statuses, 100_000); // label sets created, classes loaded, code compiled

        long thread = Thread.currentThread().getId();
        // the probe allocates on its first calls: warm it up so that it measures only the loop
        long measuringItself = 0;
        for (int i = 0; i < 10; i++) {
            measuringItself = -THREADS.getThreadAllocatedBytes(thread) + THREADS.getThreadAllocatedBytes(thread);
        }
        // the JIT may still recompile in the first windows (a deoptimisation materialises a few
        // objects once); an allocation per operation would show in every window
        long[] allocated = new long[WINDOWS];
        for (int window = 0; window < WINDOWS; window++) {
            long before = THREADS.getThreadAllocatedBytes(thread);
            record(http, tasks, statuses, 100_000);
            allocated[window] = THREADS.getThreadAllocatedBytes(thread) - before - measuringItself;
        }

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
