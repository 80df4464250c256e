package io.remora.agent.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.remora.agent.jvm.RecordingWriter;
import io.remora.bootstrap.meter.BucketBounds;
import io.remora.bootstrap.meter.CounterFamily;
import io.remora.bootstrap.meter.HistogramFamily;
import io.remora.bootstrap.meter.MeterRegistry;
import io.remora.bootstrap.meter.TimerFamily;
import io.remora.log.Log;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MeterExportTest {

    private final MeterRegistry registry = new MeterRegistry();
    private final RecordingWriter writer = new RecordingWriter();
    private final MeterExport export = new MeterExport(registry);

    @Test
    void aHistogramBecomesCumulativeBucketsSumAndCount() {
        HistogramFamily family = registry.histogram("op_duration_seconds", BucketBounds.ofSeconds(0.01, 1), 10, "op");
        family.labels("read").record(5_000_000L);
        family.labels("read").record(500_000_000L);
        family.labels("read").record(3_000_000_000L);

        export.collect(writer, 1000L);

        Map<String, Double> expected = new LinkedHashMap<>();
        expected.put("op_duration_seconds_bucket{le=\"0.01\",op=\"read\"}", 1.0);
        expected.put("op_duration_seconds_bucket{le=\"1.0\",op=\"read\"}", 2.0);
        expected.put("op_duration_seconds_bucket{le=\"+Inf\",op=\"read\"}", 3.0);
        expected.put("op_duration_seconds_sum{op=\"read\"}", 3.505);
        expected.put("op_duration_seconds_count{op=\"read\"}", 3.0);
        Map<String, Double> written = writer.startingWith("op_duration_seconds");
        assertEquals(expected.keySet(), written.keySet());
        expected.forEach((series, value) -> assertEquals(value, written.get(series), 1e-9, series));
    }

    @Test
    void aTimerBecomesCountSumAndMaxAsMicrometersWithoutBuckets() {
        TimerFamily family = registry.timer("pool_acquire_seconds", 10, "pool");
        family.labels("orders").record(5_000_000L);
        family.labels("orders").record(250_000_000L);
        family.labels("idle");

        export.collect(writer, 1000L);

        Map<String, Double> expected = new LinkedHashMap<>();
        expected.put("pool_acquire_seconds_count{pool=\"orders\"}", 2.0);
        expected.put("pool_acquire_seconds_sum{pool=\"orders\"}", 0.255);
        expected.put("pool_acquire_seconds_max{pool=\"orders\"}", 0.25);
        expected.put("pool_acquire_seconds_count{pool=\"idle\"}", 0.0);
        expected.put("pool_acquire_seconds_sum{pool=\"idle\"}", 0.0);
        expected.put("pool_acquire_seconds_max{pool=\"idle\"}", 0.0);
        Map<String, Double> written = writer.startingWith("pool_acquire_seconds");
        assertEquals(expected.keySet(), written.keySet());
        expected.forEach((series, value) -> assertEquals(value, written.get(series), 1e-9, series));
    }

    @Test
    void laterRoundsCarryTheRunningTotalsOfTheSameSeries() {
        CounterFamily family = registry.counter("jobs_total", 10, "queue");
        family.labels("a").add(2);
        export.collect(writer, 1000L);
        family.labels("a").add(3);
        family.labels("b").increment();
        export.collect(writer, 2000L);

        assertEquals(Map.of("jobs_total{queue=\"a\"}", 5.0, "jobs_total{queue=\"b\"}", 1.0),
                writer.startingWith("jobs_total"));
        assertEquals(3, writer.timestamps().size());
        assertEquals(2000L, writer.timestamps().get(2));
    }

    @Test
    void aFamilyPastItsCapIsReportedOnceAndItsOverflowSeriesExported() {
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        Log.setOutput(new PrintStream(logged, true, StandardCharsets.UTF_8));
        try {
            CounterFamily family = registry.counter("calls_total", 2, "user");
            family.labels("a").increment();
            family.labels("b").increment();
            family.labels("c").increment();
            family.labels("d").increment();
            export.collect(writer, 1000L);
            export.collect(writer, 2000L);
        } finally {
            Log.setOutput(System.err);
        }
        assertEquals("remora: calls_total has reached its 2 label sets; what comes with new label values is counted"
                + " under _OVERFLOW values" + System.lineSeparator(), logged.toString(StandardCharsets.UTF_8));
        assertEquals(Map.of("calls_total{user=\"a\"}", 1.0, "calls_total{user=\"b\"}", 1.0,
                "calls_total{user=\"_OVERFLOW\"}", 2.0), writer.startingWith("calls_total"));
    }

    @Test
    void aLabelSetTheExporterRefusesIsSkippedAndTheOthersGoOn() {
        CounterFamily bad = registry.counter("bad_total", 10, "not-a-label-name");
        CounterFamily good = registry.counter("good_total", 10, "kind");
        bad.labels("x").increment();
        good.labels("y").increment();

        export.collect(writer, 1000L);
        export.collect(writer, 2000L);

        assertEquals(Map.of("good_total{kind=\"y\"}", 1.0), writer.startingWith(""));
    }
}
