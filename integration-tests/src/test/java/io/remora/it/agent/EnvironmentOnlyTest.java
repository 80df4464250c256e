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
 * The container recipe of the README: the agent given only through {@code JAVA_TOOL_OPTIONS} and
 * its settings only through {@code REMORA_*} variables, as a Kubernetes manifest or a Dockerfile sets
 * them, with no change to the command line. The JVM's own note that it picked the options up is the
 * only line on stderr.
 */
class EnvironmentOnlyTest {

    @RegisterExtension
    static final PrometheusPerClass PROMETHEUS = new PrometheusPerClass();

    @TempDir
    static Path dir;

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void theAgentAndItsSettingsComeFromTheEnvironmentAlone(Jdk jdk) {
        String job = "environment-" + jdk.name().toLowerCase();
        String toolOptions = "-javaagent:" + TestFiles.agentJar();
        ChildRun run = ChildJvm.of(jdk, ShortJobApp.class)
                .environment("JAVA_TOOL_OPTIONS", toolOptions)
                .environment("REMORA_ENDPOINT", PROMETHEUS.receiver().writeUrl().toString())
                .environment("REMORA_JOB", job)
                .environment("REMORA_INSTANCE", "orders-7d9f8-x2k4q")
                .environment("REMORA_LABELS", "namespace=shop,cluster=eu-1")
                .environment("REMORA_HEADERS", "X-Scope-OrgID=team-a")
                .environment("REMORA_SPOOL_DIR", dir.resolve(job + "-spool").toString())
                .run(dir, job);
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(List.of("done ok"), run.stdout(), run.toString());
        assertEquals(List.of("Picked up JAVA_TOOL_OPTIONS: " + toolOptions), run.stderr(), run.toString());

        Map<String, Double> threads = InstrumentedRun.latest(PROMETHEUS.receiver(),
                "jvm_threads_started_total{job=\"" + job + "\"}", "instance", "namespace", "cluster");
        assertEquals(1, threads.size(), threads.toString());
        assertEquals("orders-7d9f8-x2k4q shop eu-1", threads.keySet().iterator().next(), threads.toString());
    }
}
