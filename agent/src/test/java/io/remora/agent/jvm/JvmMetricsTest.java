package io.remora.agent.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.agent.collect.MetricWriter;
import io.remora.log.Log;
import io.remora.exporter.series.Series;
import io.remora.log.Log;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JvmMetricsTest {

    /** Every family DESIGN.md names for the JVM and the process, as written in one round. */
    private static final List<String> FAMILIES = List.of(
            "jvm_memory_used_bytes{", "jvm_memory_committed_bytes{", "jvm_memory_max_bytes{", "jvm_memory_init_bytes{",
            "jvm_memory_pool_used_bytes{", "jvm_memory_pool_committed_bytes{", "jvm_memory_pool_max_bytes{",
            "jvm_memory_pool_init_bytes{", "jvm_memory_pool_collection_used_bytes{",
            "jvm_gc_collection_seconds_count{", "jvm_gc_collection_seconds_sum{",
            "jvm_threads_current{", "jvm_threads_daemon{", "jvm_threads_peak{", "jvm_threads_deadlocked{",
            "jvm_threads_deadlocked_monitor{", "jvm_threads_started_total{", "jvm_threads_state{",
            "jvm_classes_currently_loaded{", "jvm_classes_loaded_total{", "jvm_classes_unloaded_total{",
            "jvm_buffer_pool_used_bytes{", "jvm_buffer_pool_capacity_bytes{", "jvm_buffer_pool_used_buffers{",
            "jvm_compilation_time_seconds_total{", "jvm_runtime_info{",
            "process_cpu_seconds_total{", "process_start_time_seconds{", "process_open_fds{", "process_max_fds{",
            "process_resident_memory_bytes{", "process_virtual_memory_bytes{",
            "jvm_cpu_count{");

    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();

    @AfterEach
    void restoreLog() {
        Log.setOutput(System.err);
    }

    @Test
    void oneRoundWritesEveryFamilyWithOneTimestamp() {
        RecordingWriter writer = new RecordingWriter();
        try (JvmMetrics metrics = JvmMetrics.start(writer)) {
            metrics.collect(12345);
            for (String family : FAMILIES) {
                assertFalse(writer.startingWith(family).isEmpty(), family + " missing");
            }
            assertTrue(writer.timestamps().stream().allMatch(t -> t == 12345));
        }
    }

    @Test
    void aFailingCollectorIsLoggedOnceAndSwitchedOffAlone() {
        Log.setOutput(new PrintStream(logged, true, StandardCharsets.UTF_8));
        RecordingWriter recording = new RecordingWriter();
        MetricWriter failingForClasses = new MetricWriter() {
            @Override
            public Series series(String name, String... labelNamesAndValues) {
                return recording.series(name, labelNamesAndValues);
            }

            @Override
            public boolean record(Series series, long timestampMs, double value) {
                if (series.name().equals("jvm_classes_loaded_total")) {
                    throw new IllegalStateException("broken bean");
                }
                return recording.record(series, timestampMs, value);
            }
        };
        try (JvmMetrics metrics = JvmMetrics.start(failingForClasses)) {
            assertTrue(metrics.running().contains("classes"));
            metrics.collect(1000);
            metrics.collect(2000);
            assertFalse(metrics.running().contains("classes"));
            assertTrue(metrics.running().contains("threads"));
            String log = logged.toString(StandardCharsets.UTF_8);
            assertEquals(List.of("remora: jvm collector classes failed (java.lang.IllegalStateException: broken bean); "
                    + "switched off"), log.lines().collect(java.util.stream.Collectors.toList()));
            assertTrue(recording.value("jvm_threads_current{}") > 0);
        }
    }
}
