package io.remora.it.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.it.agent.app.WorkloadApp;
import io.remora.it.receivers.Prometheus;
import io.remora.it.receivers.RealReceiver;
import io.remora.it.receivers.ReceiverKind;
import io.remora.it.receivers.Sample;
import io.remora.it.receivers.SeriesSamples;
import io.remora.it.receivers.VictoriaMetrics;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The workload application runs under the agent on JDK 17 and on Temurin 25, exporting to a real
 * Prometheus and a real VictoriaMetrics at once: every JVM and process family arrives at both with
 * the default job and instance, the values make sense, and the application's output and exit code
 * are those of a run without the agent. One run per JDK serves every test.
 */
class JvmMetricsTest {

    private static final String RUN_MILLIS = "6000";
    /** The MXBeans count threads and read their states in separate calls: a thread may start or end between. */
    private static final int THREAD_RACE = 2;

    @TempDir
    static Path dir;

    private static final Map<ReceiverKind, RealReceiver> RECEIVERS = new HashMap<>();
    private static final Map<Jdk, ChildRun> WITHOUT_AGENT = new EnumMap<>(Jdk.class);
    private static final Map<Jdk, ChildRun> WITH_AGENT = new EnumMap<>(Jdk.class);

    @BeforeAll
    static void startReceivers() {
        RECEIVERS.put(Prometheus.INSTANCE, RealReceiver.prometheus());
        RECEIVERS.put(VictoriaMetrics.INSTANCE, RealReceiver.victoriaMetrics());
    }

    @AfterAll
    static void stopReceivers() {
        RECEIVERS.values().forEach(RealReceiver::close);
    }

    static Stream<Arguments> receiversAndJdks() {
        return Stream.of(
                Arguments.of(Prometheus.INSTANCE, Jdk.DEFAULT),
                Arguments.of(Prometheus.INSTANCE, Jdk.TEMURIN_25),
                Arguments.of(VictoriaMetrics.INSTANCE, Jdk.DEFAULT),
                Arguments.of(VictoriaMetrics.INSTANCE, Jdk.TEMURIN_25));
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void theApplicationsOutputAndExitCodeAreUnchanged(Jdk jdk) {
        ChildRun without = withoutAgent(jdk);
        ChildRun with = withAgent(jdk);
        assertEquals(WorkloadApp.EXIT_CODE, without.exitCode(), without.toString());
        assertEquals(WorkloadApp.FINISHED, without.stdout().get(without.stdout().size() - 1), without.toString());
        assertEquals(without.exitCode(), with.exitCode(), with.toString());
        assertEquals(without.stdout(), with.stdout(), with.toString());
        // the agent has nothing to report when its configuration is good and its receivers are up,
        // and must make the JVM print nothing either (JDK 24+ warns about Unsafe and native access)
        assertEquals(without.stderr(), with.stderr(), with.toString());
    }

    @ParameterizedTest
    @MethodSource("receiversAndJdks")
    void everyJvmAndProcessFamilyArrivesWithJobAndInstance(ReceiverKind kind, Jdk jdk) {
        ExportedJvm exported = exported(kind, jdk);
        List<Map<String, String>> series = exported.awaitSeries(JvmFamilies.names());
        assertEquals(WorkloadApp.class.getName(), exported.job());
        JvmFamilies.assertArrived(JvmFamilies.names(), series, exported.job(), exported.instance());
    }

    @ParameterizedTest
    @MethodSource("receiversAndJdks")
    void heapUsedIsAboveZeroAndAtMostMax(ReceiverKind kind, Jdk jdk) {
        ExportedJvm exported = exported(kind, jdk);
        exported.awaitSeries(JvmFamilies.names());
        Map<Long, Double> used = byTimestamp(only(exported.raw("jvm_memory_used_bytes", "area=\"heap\"")));
        Map<Long, Double> max = byTimestamp(only(exported.raw("jvm_memory_max_bytes", "area=\"heap\"")));
        assertTrue(used.size() >= 3, "a 6 s run at interval=1s collects several times: " + used);
        used.forEach((timestamp, bytes) -> {
            assertTrue(bytes > 0, "heap used at " + timestamp + ": " + bytes);
            Double limit = max.get(timestamp);
            assertTrue(limit != null && bytes <= limit, "heap used " + bytes + " <= max " + limit + " at " + timestamp);
        });
    }

    @ParameterizedTest
    @MethodSource("receiversAndJdks")
    void processCpuSecondsIncrease(ReceiverKind kind, Jdk jdk) {
        ExportedJvm exported = exported(kind, jdk);
        exported.awaitSeries(JvmFamilies.names());
        List<Sample> cpu = only(exported.raw("process_cpu_seconds_total", "")).samples();
        assertTrue(cpu.size() >= 3, cpu.toString());
        for (int i = 1; i < cpu.size(); i++) {
            assertTrue(cpu.get(i).value() >= cpu.get(i - 1).value(), "a counter never goes down: " + cpu);
        }
        assertTrue(cpu.get(cpu.size() - 1).value() > cpu.get(0).value(), "three busy threads use CPU: " + cpu);
    }

    @ParameterizedTest
    @MethodSource("receiversAndJdks")
    void threadStatesSumToTheThreadCount(ReceiverKind kind, Jdk jdk) {
        ExportedJvm exported = exported(kind, jdk);
        exported.awaitSeries(JvmFamilies.names());
        Map<Long, Double> current = byTimestamp(only(exported.raw("jvm_threads_current", "")));
        Map<Long, Double> summedStates = new TreeMap<>();
        List<SeriesSamples> states = exported.raw("jvm_threads_state", "");
        assertEquals(7, states.size(), "six Thread.State values and UNKNOWN: " + states);
        for (SeriesSamples state : states) {
            state.samples().forEach(sample -> summedStates.merge(sample.timestampMs(), sample.value(), Double::sum));
        }
        assertFalse(current.isEmpty());
        current.forEach((timestamp, threads) -> {
            Double summed = summedStates.get(timestamp);
            assertTrue(summed != null && Math.abs(summed - threads) <= THREAD_RACE,
                    "at " + timestamp + ": states sum to " + summed + ", jvm_threads_current " + threads);
        });
    }

    @ParameterizedTest
    @MethodSource("receiversAndJdks")
    void runtimeInfoNamesTheChildsJavaVersion(ReceiverKind kind, Jdk jdk) {
        ExportedJvm exported = exported(kind, jdk);
        exported.awaitSeries(JvmFamilies.names());
        String started = withAgent(jdk).stdout().get(0);
        assertTrue(started.startsWith(WorkloadApp.STARTED), started);
        String version = started.substring(WorkloadApp.STARTED.length());
        SeriesSamples info = only(exported.raw("jvm_runtime_info", ""));
        assertEquals(version, info.labels().get("version"), info.toString());
        assertFalse(info.labels().get("vendor").isBlank(), info.toString());
        assertEquals(1.0, info.latest().value());
    }

    private static ExportedJvm exported(ReceiverKind kind, Jdk jdk) {
        return new ExportedJvm(RECEIVERS.get(kind), WorkloadApp.class, withAgent(jdk).pid());
    }

    private static synchronized ChildRun withoutAgent(Jdk jdk) {
        return WITHOUT_AGENT.computeIfAbsent(jdk, it -> ChildJvm.of(it, WorkloadApp.class, RUN_MILLIS)
                .run(dir, "workload-" + it + "-without-agent"));
    }

    /** The agent exports to both receivers: one run per JDK feeds every test. */
    private static synchronized ChildRun withAgent(Jdk jdk) {
        return WITH_AGENT.computeIfAbsent(jdk, it -> ChildJvm.of(it, WorkloadApp.class, RUN_MILLIS)
                .withAgent()
                .property("remora.endpoint", RECEIVERS.get(Prometheus.INSTANCE).writeUrl() + ","
                        + RECEIVERS.get(VictoriaMetrics.INSTANCE).writeUrl())
                .property("remora.interval", "1s")
                .property("remora.spool.dir", dir.resolve("spool-" + it).toString())
                .run(dir, "workload-" + it + "-with-agent"));
    }

    private static SeriesSamples only(List<SeriesSamples> series) {
        assertEquals(1, series.size(), series.toString());
        return series.get(0);
    }

    private static Map<Long, Double> byTimestamp(SeriesSamples series) {
        Map<Long, Double> values = new TreeMap<>();
        series.samples().forEach(sample -> values.put(sample.timestampMs(), sample.value()));
        return values;
    }
}
