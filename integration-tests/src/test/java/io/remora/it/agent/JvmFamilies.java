package io.remora.it.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * DESIGN.md's JVM and process metric names, each with the labels its series carry besides
 * {@code job} and {@code instance}: client_java 1.x's names, OpenTelemetry's where client_java has none.
 */
final class JvmFamilies {

    static final Map<String, Set<String>> LABELS_BY_NAME = labelsByName();

    private JvmFamilies() {
    }

    /**
     * Every one of {@code names} arrived, every series of a name listed here has exactly the listed
     * labels, and every series (listed or not) carries this {@code job} and {@code instance}.
     */
    static void assertArrived(Set<String> names, List<Map<String, String>> series, String job, String instance) {
        Set<String> arrived = new TreeSet<>();
        for (Map<String, String> labels : series) {
            String name = labels.get("__name__");
            arrived.add(name);
            assertEquals(job, labels.get("job"), "job of " + labels);
            assertEquals(instance, labels.get("instance"), "instance of " + labels);
            Set<String> expected = LABELS_BY_NAME.get(name);
            if (expected != null) {
                Set<String> own = new TreeSet<>(labels.keySet());
                own.removeAll(Set.of("__name__", "job", "instance"));
                assertEquals(expected, own, "labels of " + labels);
            }
        }
        List<String> missing = new ArrayList<>(names);
        missing.removeAll(arrived);
        assertTrue(missing.isEmpty(), "missing " + missing + "; arrived " + arrived);
    }

    /** Names only: what {@link ExportedJvm#awaitSeries} waits for. */
    static Set<String> names() {
        return LABELS_BY_NAME.keySet();
    }

    private static Map<String, Set<String>> labelsByName() {
        Map<String, Set<String>> labels = new LinkedHashMap<>();
        for (String part : new String[] {"used", "committed", "max", "init"}) {
            labels.put("jvm_memory_" + part + "_bytes", Set.of("area"));
            labels.put("jvm_memory_pool_" + part + "_bytes", Set.of("pool"));
        }
        labels.put("jvm_memory_pool_collection_used_bytes", Set.of("pool"));
        labels.put("jvm_memory_pool_allocated_bytes_total", Set.of("pool"));
        labels.put("jvm_gc_collection_seconds_count", Set.of("gc"));
        labels.put("jvm_gc_collection_seconds_sum", Set.of("gc"));
        labels.put("jvm_gc_duration_seconds_bucket", Set.of("jvm_gc_name", "jvm_gc_action", "le"));
        labels.put("jvm_gc_duration_seconds_count", Set.of("jvm_gc_name", "jvm_gc_action"));
        labels.put("jvm_gc_duration_seconds_sum", Set.of("jvm_gc_name", "jvm_gc_action"));
        for (String threads : new String[] {"current", "daemon", "peak", "deadlocked"}) {
            labels.put("jvm_threads_" + threads, Set.of());
        }
        labels.put("jvm_threads_started_total", Set.of());
        labels.put("jvm_threads_state", Set.of("state"));
        labels.put("jvm_classes_currently_loaded", Set.of());
        labels.put("jvm_classes_loaded_total", Set.of());
        labels.put("jvm_classes_unloaded_total", Set.of());
        labels.put("jvm_buffer_pool_used_bytes", Set.of("pool"));
        labels.put("jvm_buffer_pool_capacity_bytes", Set.of("pool"));
        labels.put("jvm_buffer_pool_used_buffers", Set.of("pool"));
        labels.put("jvm_compilation_time_seconds_total", Set.of());
        labels.put("jvm_runtime_info", Set.of("version", "vendor", "runtime"));
        for (String process : new String[] {"cpu_seconds_total", "start_time_seconds", "open_fds", "max_fds",
                "resident_memory_bytes", "virtual_memory_bytes"}) {
            labels.put("process_" + process, Set.of());
        }
        labels.put("jvm_cpu_recent_utilization_ratio", Set.of());
        labels.put("jvm_cpu_count", Set.of());
        return Collections.unmodifiableMap(labels);
    }
}
