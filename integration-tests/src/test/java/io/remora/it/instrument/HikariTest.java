package io.remora.it.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.remora.it.agent.ChildRun;
import io.remora.it.agent.Jdk;
import io.remora.it.instrument.app.HikariApp;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A HikariCP pool of an application without Micrometer, measured directly under the names of
 * HikariCP's Micrometer tracker, on JDK 17 and 25: the connections of an exhausted pool, its
 * bounds, each connection handed out and the one request that timed out.
 */
class HikariTest {

    @RegisterExtension
    static final PrometheusPerClass PROMETHEUS = new PrometheusPerClass();

    @TempDir
    static Path dir;

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void anExhaustedPoolIsSeenAsMicrometerWouldShowIt(Jdk jdk) {
        String job = "hikari-" + jdk.name().toLowerCase();
        ChildRun run = InstrumentedRun.of(jdk, HikariApp.class, job)
                .classPath(TestClassPath.jars("h2", "HikariCP", "slf4j-api", "slf4j-nop"))
                .run(PROMETHEUS.receiver(), dir);
        assertEquals(List.of("timed out", "holding " + HikariApp.MAX), run.stdout(), run.toString());
        assertEquals(0, run.exitCode(), run.toString());

        Map<String, Double> expected = Map.of(
                "hikaricp_connections", (double) HikariApp.MAX,
                "hikaricp_connections_active", (double) HikariApp.MAX,
                "hikaricp_connections_idle", 0.0,
                "hikaricp_connections_pending", 0.0,
                "hikaricp_connections_max", (double) HikariApp.MAX,
                "hikaricp_connections_min", (double) HikariApp.MIN_IDLE,
                "hikaricp_connections_acquire_seconds_count", (double) HikariApp.MAX,
                "hikaricp_connections_timeout_total", 1.0);
        for (Map.Entry<String, Double> figure : expected.entrySet()) {
            assertEquals(Map.of(HikariApp.POOL, figure.getValue()), InstrumentedRun.latest(PROMETHEUS.receiver(),
                    figure.getKey() + "{job=\"" + job + "\"}", "pool"), figure.getKey() + "\n" + run);
        }
    }
}
