package io.remora.it.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.it.agent.ChildRun;
import io.remora.it.agent.Jdk;
import io.remora.it.instrument.app.HikariApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A HikariCP pool of an application without Micrometer, measured directly under the names of
 * HikariCP's Micrometer tracker, on JDK 17 and 25: the connections of an exhausted pool, its
 * bounds, each connection handed out (and the one request that timed out, which HikariCP's acquire
 * timer counts too), each one given back with how long it was used, and each one opened once the
 * pool was up (not the first, opened before, to fail fast), as timers of count, sum and max.
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
                "hikaricp_connections_acquire_seconds_count", (double) HikariApp.USED + HikariApp.MAX + 1,
                "hikaricp_connections_usage_seconds_count", (double) HikariApp.USED,
                "hikaricp_connections_creation_seconds_count", (double) HikariApp.MAX - 1,
                "hikaricp_connections_timeout_total", 1.0);
        for (Map.Entry<String, Double> figure : expected.entrySet()) {
            assertEquals(Map.of(HikariApp.POOL, figure.getValue()), InstrumentedRun.latest(PROMETHEUS.receiver(),
                    figure.getKey() + "{job=\"" + job + "\"}", "pool"), figure.getKey() + "\n" + run);
        }
        // the timed-out request waited its timeout; each use lasted at least its sleep
        double timeout = HikariApp.TIMEOUT_MS / 1000.0;
        assertAtLeast(timeout, "hikaricp_connections_acquire_seconds_max", job, run);
        assertAtLeast(timeout, "hikaricp_connections_acquire_seconds_sum", job, run);
        assertAtLeast(HikariApp.USE_MS / 1000.0, "hikaricp_connections_usage_seconds_max", job, run);
        assertAtLeast(HikariApp.USED * HikariApp.USE_MS / 1000.0, "hikaricp_connections_usage_seconds_sum", job, run);
        // an in-memory H2 connection opens within a millisecond, HikariCP's unit for it: only present
        assertAtLeast(0.0, "hikaricp_connections_creation_seconds_max", job, run);
        // Micrometer's timers have no buckets
        assertEquals(List.of(), PROMETHEUS.receiver().query().raw("hikaricp_connections_acquire_seconds_bucket{job=\""
                + job + "\"}", Duration.ofHours(1)), run.toString());
    }

    private static void assertAtLeast(double least, String metric, String job, ChildRun run) {
        Map<String, Double> found = InstrumentedRun.latest(PROMETHEUS.receiver(), metric + "{job=\"" + job + "\"}",
                "pool");
        assertEquals(List.of(HikariApp.POOL), List.copyOf(found.keySet()), metric + "\n" + run);
        assertTrue(found.get(HikariApp.POOL) >= least, metric + " " + found + " below " + least + "\n" + run);
    }
}
