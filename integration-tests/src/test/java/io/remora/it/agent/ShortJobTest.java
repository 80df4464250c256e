package io.remora.it.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.remora.it.agent.app.ShortJobApp;
import io.remora.it.instrument.InstrumentedRun;
import io.remora.it.instrument.PrometheusPerClass;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Export is ready before the application can end: a job that runs 300 ms with both cores busy, and
 * exits on its own, still delivers its JVM metrics, on JDK 17 and 25. The shutdown flush is
 * registered in premain and waits (bounded) for the exporter the agent thread is still starting.
 */
class ShortJobTest {

    @RegisterExtension
    static final PrometheusPerClass PROMETHEUS = new PrometheusPerClass();

    @TempDir
    static Path dir;

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void aJobThatEndsAtOnceHasItsMetricsSent(Jdk jdk) {
        String job = "short-job-" + jdk.name().toLowerCase();
        ChildRun run = ChildJvm.of(jdk, ShortJobApp.class).exportingTo(PROMETHEUS.receiver(), job, dir)
                .run(dir, job);
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(List.of("done ok"), run.stdout(), run.toString());
        assertEquals(List.of(), run.stderr(), run.toString());

        Map<String, Double> threads = InstrumentedRun.latest(PROMETHEUS.receiver(),
                "jvm_threads_started_total{job=\"" + job + "\"}");
        assertEquals(1, threads.size(), threads.toString());
        Map<String, Double> heap = InstrumentedRun.latest(PROMETHEUS.receiver(),
                "jvm_memory_used_bytes{job=\"" + job + "\",area=\"heap\"}");
        assertEquals(1, heap.size(), heap.toString());
    }
}
