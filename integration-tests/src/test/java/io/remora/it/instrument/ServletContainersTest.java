package io.remora.it.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.it.agent.ChildRun;
import io.remora.it.agent.Jdk;
import io.remora.it.instrument.app.JettyApp;
import io.remora.it.instrument.app.ServletTraffic;
import io.remora.it.instrument.app.TomcatApp;
import io.remora.it.instrument.app.UndertowApp;
import io.remora.it.receivers.Sample;
import io.remora.it.receivers.SeriesSamples;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real servlet containers under the agent, on JDK 17 and 25: Tomcat 10.1 and Jetty 12 (jakarta),
 * Undertow 2.2 (javax). Each request is counted once however deep its filters and forwards nest,
 * with its mapping's pattern (or the framework's) as route, an exception (the root cause inside a
 * ServletException) as error_type and the
 * container's 500, and an async request measured until it completes on another thread. Tomcat's and
 * Jetty's own request pools are measured under the names of their threads, and as Micrometer's
 * binders name them: Tomcat's sessions ({@code tomcat_sessions_*}), Jetty's pool ({@code jetty_threads_*}).
 */
class ServletContainersTest {

    @RegisterExtension
    static final PrometheusPerClass PROMETHEUS = new PrometheusPerClass();

    @TempDir
    static Path dir;

    /** A container: its application's main class and the jars of its own (from the test class path). */
    enum Container {
        // Tomcat's thread-name prefix, for port 0 on 127.0.0.1 (named before it binds): http-nio-127.0.0.1-auto-<n>-exec-
        TOMCAT(TomcatApp.class, "http-nio-127[.]0[.]0[.]1-auto-[0-9]+-exec", "/org/apache/tomcat/"),
        JETTY(JettyApp.class, "qtp", "/org/eclipse/jetty/", "/jakarta/servlet/", "/org/slf4j/"),
        /** Its XNIO worker pool is not measured. */
        UNDERTOW(UndertowApp.class, null, "/io/undertow/", "/org/jboss/", "/org/wildfly/");

        final Class<?> app;
        /** A regular expression for the name its request pool is measured under, or null. */
        final String pool;
        private final String[] repositoryFolders;

        Container(Class<?> app, String pool, String... repositoryFolders) {
            this.app = app;
            this.pool = pool;
            this.repositoryFolders = repositoryFolders;
        }

        /** Its jars only: two containers' servlet APIs on one class path would clash. */
        List<Path> jars() {
            return TestClassPath.jarsUnder(repositoryFolders);
        }
    }

    static Stream<Arguments> containersAndJdks() {
        List<Arguments> runs = new ArrayList<>();
        for (Container container : Container.values()) {
            for (Jdk jdk : Jdk.values()) {
                runs.add(Arguments.of(container, jdk));
            }
        }
        return runs.stream();
    }

    @ParameterizedTest
    @MethodSource("containersAndJdks")
    void everyRequestIsCountedOnceWithItsRouteStatusAndError(Container container, Jdk jdk) {
        String job = "servlet-" + container.name().toLowerCase() + "-" + jdk.name().toLowerCase();
        // pools are read each interval: often enough that one round falls while the container serves
        ChildRun run = InstrumentedRun.of(jdk, container.app, job).classPath(container.jars())
                .property("remora.interval", ServletTraffic.POOL_READ_INTERVAL_MS + "ms")
                .run(PROMETHEUS.receiver(), dir);
        assertEquals(List.of(ServletTraffic.ALL_ANSWERED), run.stdout(), run.toString());
        assertFalse(run.stderr().stream().anyMatch(line -> line.startsWith("remora: could not instrument")),
                run.toString());

        Map<String, Double> counts = InstrumentedRun.latest(PROMETHEUS.receiver(),
                "http_server_request_duration_seconds_count{job=\"" + job + "\"}",
                "http_request_method", "http_route", "http_response_status_code", "error_type", "url_scheme");
        assertEquals(Map.of(
                "GET /api/items/* 200  http", (double) ServletTraffic.ITEMS,
                "POST /api/items/* 404  http", (double) ServletTraffic.MISSING,
                "GET /old/* 200  http", (double) ServletTraffic.FORWARDED,
                "GET /fail 500 java.lang.IllegalStateException http", (double) ServletTraffic.FAILED,
                // the ServletException it was wrapped in is the container's, not the error
                "GET /fail-wrapped 500 java.lang.IllegalStateException http", (double) ServletTraffic.WRAPPED,
                "GET /async/* " + ServletTraffic.ASYNC_STATUS + "  http", (double) ServletTraffic.ASYNC,
                "GET /mvc" + ServletTraffic.FRAMEWORK_PATTERN + " 200  http", (double) ServletTraffic.FRAMEWORK,
                "GET /redispatch/* 200  http", (double) ServletTraffic.REDISPATCHED,
                "GET /slow/* 500 500 http", (double) ServletTraffic.TIMED_OUT,
                "GET /async-fail/* 500 java.lang.IllegalArgumentException http", (double) ServletTraffic.ASYNC_FAILED),
                counts, run.toString());

        // measured to completion, not to the servlet's return: every async request took its 50 ms
        Map<String, Double> asyncBuckets = InstrumentedRun.latest(PROMETHEUS.receiver(),
                "http_server_request_duration_seconds_bucket{job=\"" + job + "\",http_route=\"/async/*\"}", "le");
        assertEquals(0.0, asyncBuckets.get("0.025"), asyncBuckets.toString());
        assertEquals((double) ServletTraffic.ASYNC, asyncBuckets.get("+Inf"), asyncBuckets.toString());

        if (container.pool != null) {
            assertRequestPoolMeasured(job, container.pool, container == Container.TOMCAT, run);
        }
        if (container == Container.TOMCAT) {
            assertSessionsMeasured(job, run);
        } else if (container == Container.JETTY) {
            assertJettyThreadsMeasured(job, run);
        }
    }

    /**
     * Tomcat's sessions as Micrometer's TomcatMetrics writes them, without labels: one opened per GET
     * of an item, none expired or rejected. Over the run, as they are read only while the manager is
     * started.
     */
    private static void assertSessionsMeasured(String job, ChildRun run) {
        double sessions = ServletTraffic.SESSIONS;
        Map<String, Double> expected = Map.of(
                "tomcat_sessions_active_current_sessions", sessions,
                "tomcat_sessions_active_max_sessions", sessions,
                "tomcat_sessions_created_sessions_total", sessions,
                "tomcat_sessions_expired_sessions_total", 0.0,
                "tomcat_sessions_rejected_sessions_total", 0.0,
                "tomcat_sessions_alive_max_seconds", 0.0);
        assertEquals(expected, overTheRun(job, expected.keySet()), run.toString());
    }

    /**
     * Jetty's server pool as Micrometer's JettyServerThreadPoolMetrics writes it, without labels:
     * the bounds the application configured (QueuedThreadPool's default min, 8), threads while it served.
     */
    private static void assertJettyThreadsMeasured(String job, ChildRun run) {
        Map<String, Double> found = overTheRun(job, List.of("jetty_threads_config_min", "jetty_threads_config_max",
                "jetty_threads_current", "jetty_threads_busy", "jetty_threads_idle", "jetty_threads_jobs"));
        assertEquals(8.0, found.get("jetty_threads_config_min"), found + " " + run);
        assertEquals((double) ServletTraffic.MAX_THREADS, found.get("jetty_threads_config_max"), found + " " + run);
        assertTrue(found.get("jetty_threads_current") >= 1.0, found + " " + run);
        assertTrue(found.get("jetty_threads_busy") >= 1.0, found + " " + run);
        assertTrue(found.get("jetty_threads_idle") >= 0.0 && found.get("jetty_threads_jobs") >= 0.0, found + " " + run);
    }

    /** Each metric's largest value over the run, from its one series, which has no label but job and instance. */
    private static Map<String, Double> overTheRun(String job, Iterable<String> metrics) {
        Map<String, Double> found = new TreeMap<>();
        for (String metric : metrics) {
            List<SeriesSamples> series = PROMETHEUS.receiver().query().raw(metric + "{job=\"" + job + "\"}",
                    Duration.ofHours(1));
            assertEquals(1, series.size(), metric + " " + series);
            assertEquals(Set.of("__name__", "job", "instance"), series.get(0).labels().keySet(), series.toString());
            found.put(metric, series.get(0).samples().stream().mapToDouble(Sample::value)
                    .filter(value -> !Double.isNaN(value)).max().orElse(Double.NaN));
        }
        return found;
    }

    /**
     * The container's own request pool, under the name of its threads: one pool, the max threads the
     * application configured and at least one thread while it served. Over the run, as its last
     * figures are those after the container stopped it.
     */
    private static void assertRequestPoolMeasured(String job, String name, boolean completedCount, ChildRun run) {
        String pool = "{job=\"" + job + "\",name=~\"" + name + "\"}[1h])";
        List<String> measured = new ArrayList<>();
        PROMETHEUS.receiver().query().raw("executor_pool_max_threads{job=\"" + job + "\"}", Duration.ofHours(1))
                .forEach(series -> measured.add(series.labels().get("name")));
        assertTrue(measured.stream().anyMatch(found -> found.matches(name)), measured + " " + run);
        Map<String, Double> max = InstrumentedRun.latest(PROMETHEUS.receiver(),
                "max_over_time(executor_pool_max_threads" + pool, "name");
        assertEquals(1, max.size(), max + " " + run);
        assertEquals((double) ServletTraffic.MAX_THREADS, max.values().iterator().next(), max + " " + run);
        Map<String, Double> size = InstrumentedRun.latest(PROMETHEUS.receiver(),
                "max_over_time(executor_pool_size_threads" + pool, "name");
        assertTrue(size.values().iterator().next() >= 1.0, size + " " + run);
        assertEquals(max.keySet(), InstrumentedRun.latest(PROMETHEUS.receiver(),
                "max_over_time(executor_active_threads" + pool, "name").keySet(), run.toString());
        assertEquals(max.keySet(), InstrumentedRun.latest(PROMETHEUS.receiver(),
                "max_over_time(executor_queued_tasks" + pool, "name").keySet(), run.toString());
        if (completedCount) {
            Map<String, Double> completed = InstrumentedRun.latest(PROMETHEUS.receiver(),
                    "max_over_time(executor_completed_tasks_total" + pool, "name");
            assertTrue(completed.values().iterator().next() >= 1.0, completed + " " + run);
        }
    }

    /** The http-server switch turns the servlet instrumentation off with the JDK server's. */
    @Test
    void switchedOffRecordsNothing() {
        String job = "servlet-switched-off";
        ChildRun run = InstrumentedRun.of(Jdk.DEFAULT, TomcatApp.class, job).classPath(Container.TOMCAT.jars())
                .property("remora.instrumentation.http-server.enabled", "false")
                .readyWhen("remora: instrumentation")
                .run(PROMETHEUS.receiver(), dir);
        assertEquals(List.of(ServletTraffic.ALL_ANSWERED), run.stdout(), run.toString());
        assertTrue(run.stderr().stream().anyMatch(line -> line.equals(InstrumentedRun.NONE_ENABLED)
                || line.startsWith(InstrumentedRun.READY) && !line.contains("http-server")), run.toString());

        // the run's last export has arrived (it exited), and it held no request
        InstrumentedRun.latest(PROMETHEUS.receiver(), "jvm_threads_current{job=\"" + job + "\"}");
        assertEquals(List.of(), PROMETHEUS.receiver().query()
                .raw("http_server_request_duration_seconds_count{job=\"" + job + "\"}", Duration.ofHours(1)),
                run.toString());
    }
}
