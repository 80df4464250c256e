package io.remora.it.instrument;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.it.agent.ChildRun;
import io.remora.it.agent.Jdk;
import io.remora.it.agent.TestFiles;
import io.remora.it.receivers.SeriesSamples;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An ordinary Spring Boot service (test-apps/: Spring MVC on embedded Tomcat, JdbcTemplate on
 * HikariCP + H2, an {@code @Async} executor), Spring Boot 3.5 and 2.7, run from its fat jar under
 * the agent on JDK 17 and 25, exporting to a real Prometheus. Each application and JDK runs once
 * with the agent and once without ({@link SpringBootRun}, the same {@link OrdersTraffic}); each test
 * below checks one thing of those two runs, so that one failure does not hide the others.
 */
class SpringBootTest {

    @RegisterExtension
    static final PrometheusPerClass PROMETHEUS = new PrometheusPerClass();

    @TempDir
    static Path dir;

    /** Runs already made in this class, by job: a run serves every test that reads it. */
    private static final Map<String, ChildRun> RUNS = new HashMap<>();

    /** The applications, by the system property naming their jar (integration-tests/pom.xml). */
    enum App {
        SPRING_BOOT_3("remora.it.spring-boot-3-app"),
        SPRING_BOOT_2("remora.it.spring-boot-2-app");

        private final String jarProperty;

        App(String jarProperty) {
            this.jarProperty = jarProperty;
        }

        Path jar() {
            return TestFiles.springBootApp(jarProperty);
        }
    }

    static Stream<Arguments> appsAndJdks() {
        List<Arguments> runs = new ArrayList<>();
        for (App app : App.values()) {
            for (Jdk jdk : Jdk.values()) {
                runs.add(Arguments.of(app, jdk));
            }
        }
        return runs.stream();
    }

    @ParameterizedTest
    @MethodSource("appsAndJdks")
    void everyRequestIsCountedOnceWithItsTemplatedRouteMethodAndStatus(App app, Jdk jdk) {
        String job = job(app, jdk);
        ChildRun run = instrumented(app, jdk);
        // error_type has a test of its own below: summed away here
        Map<String, Double> counts = InstrumentedRun.latest(PROMETHEUS.receiver(),
                "sum by (http_request_method, http_route, http_response_status_code, url_scheme)"
                        + " (http_server_request_duration_seconds_count{job=\"" + job + "\"})",
                "http_request_method", "http_route", "http_response_status_code", "url_scheme");
        assertEquals(Map.of(
                "POST /orders 201 http", (double) OrdersTraffic.CREATED,
                "GET /orders/{id} 200 http", (double) OrdersTraffic.FOUND,
                "GET /orders/{id} 404 http", (double) OrdersTraffic.MISSING,
                "GET /boom 500 http", (double) OrdersTraffic.FAILED,
                "GET /async/{n} 200 http", (double) OrdersTraffic.ASYNC,
                "GET /orders 200 http", (double) OrdersTraffic.LISTED + OrdersTraffic.READINESS_PROBES),
                counts, run.toString());
    }

    /** The handler's IllegalStateException reaches Tomcat wrapped in a ServletException: the root cause counts. */
    @ParameterizedTest
    @MethodSource("appsAndJdks")
    void aFailedHandlerIsCountedWithTheRootCauseAsErrorType(App app, Jdk jdk) {
        ChildRun run = instrumented(app, jdk);
        Map<String, Double> errors = InstrumentedRun.latest(PROMETHEUS.receiver(),
                "http_server_request_duration_seconds_count{job=\"" + job(app, jdk) + "\",http_response_status_code=\"500\"}",
                "http_route", "error_type");
        assertEquals(Map.of("/boom java.lang.IllegalStateException", (double) OrdersTraffic.FAILED), errors,
                run.toString());
    }

    /** Through JdbcTemplate and HikariCP, on request threads and the @Async executor's, and schema.sql at start. */
    @ParameterizedTest
    @MethodSource("appsAndJdks")
    void everyStatementIsCountedOnceWithItsOperation(App app, Jdk jdk) {
        ChildRun run = instrumented(app, jdk);
        Map<String, Double> counts = InstrumentedRun.latest(PROMETHEUS.receiver(),
                "db_client_operation_duration_seconds_count{job=\"" + job(app, jdk) + "\"}",
                "db_system_name", "db_operation_name", "error_type");
        assertEquals(Map.of(
                "h2database CREATE ", (double) OrdersTraffic.SCHEMA_STATEMENTS,
                "h2database INSERT ", (double) OrdersTraffic.CREATED,
                "h2database SELECT ", (double) OrdersTraffic.SELECTS),
                counts, run.toString());
    }

    /**
     * Tomcat's own request pool, named as its threads are ({@code http-nio-<port>-exec-<n>}), and its
     * threads as Micrometer's TomcatMetrics names them.
     */
    @ParameterizedTest
    @MethodSource("appsAndJdks")
    void tomcatsPoolIsMeasuredUnderItsThreadNamePrefix(App app, Jdk jdk) {
        ChildRun run = instrumented(app, jdk);
        Set<String> names = executorNames(job(app, jdk));
        String pool = names.stream().filter(name -> name.startsWith("http-nio-") && name.endsWith("-exec"))
                .findFirst().orElseThrow(() -> new AssertionError("executor_pool_size_threads names: " + names
                        + "\n" + run));
        // and under Micrometer's TomcatMetrics names, by connector: Spring Boot's default 200 threads at most
        String connector = pool.substring(0, pool.length() - "-exec".length());
        Map<String, Double> max = InstrumentedRun.latest(PROMETHEUS.receiver(),
                "tomcat_threads_config_max_threads{job=\"" + job(app, jdk) + "\"}", "name");
        assertEquals(Map.of(connector, 200.0), max, run.toString());
        // the newest samples are from the exit, once Tomcat has stopped its threads: their count may be 0 by then
        for (String figure : List.of("tomcat_threads_current_threads", "tomcat_threads_busy_threads")) {
            assertEquals(Set.of(connector), InstrumentedRun.latest(PROMETHEUS.receiver(),
                    figure + "{job=\"" + job(app, jdk) + "\"}", "name").keySet(), figure + "\n" + run);
        }
    }

    /**
     * Tomcat's sessions and HikariCP's timers, which Remora measures itself where the application has
     * no Micrometer, arrive once here, from the application's own binders (Spring Boot binds both):
     * one series each, with Micrometer's labels, the sessions at 0 (the service opens none), and no
     * buckets beside HikariCP's timers.
     */
    @ParameterizedTest
    @MethodSource("appsAndJdks")
    void poolsTheApplicationMeasuresItselfArriveOnce(App app, Jdk jdk) {
        ChildRun run = instrumented(app, jdk);
        String job = "{job=\"" + job(app, jdk) + "\"}";
        for (String sessions : List.of("tomcat_sessions_created_sessions_total", "tomcat_sessions_active_current_sessions")) {
            List<SeriesSamples> series = PROMETHEUS.receiver().query().raw(sessions + job, Duration.ofHours(1));
            assertEquals(1, series.size(), sessions + " " + series + "\n" + run);
            assertEquals(Set.of("__name__", "job", "instance"), series.get(0).labels().keySet(), series.toString());
            assertTrue(series.get(0).samples().stream().allMatch(sample -> sample.value() == 0.0), series.toString());
        }
        // over the run: HikariCP's tracker removes its meters when Spring closes the pool at exit
        for (String timer : List.of("acquire", "usage", "creation")) {
            String metric = "hikaricp_connections_" + timer + "_seconds_count";
            List<SeriesSamples> series = PROMETHEUS.receiver().query().raw(metric + job, Duration.ofHours(1));
            assertEquals(1, series.size(), metric + " " + series + "\n" + run);
            assertEquals(Set.of("__name__", "job", "instance", "pool"), series.get(0).labels().keySet(),
                    series.toString());
        }
        assertEquals(List.of(), PROMETHEUS.receiver().query().raw("{__name__=~\"hikaricp_connections_.*_bucket\","
                + job.substring(1), Duration.ofHours(1)), run.toString());
    }

    /**
     * The agent changes nothing the application shows: stdout (Spring's warnings and errors, the two
     * /boom stack traces among them), stderr and the exit status (143, SIGTERM's) are those of the
     * run without the agent, and the agent itself, at log level warn, says nothing.
     */
    @ParameterizedTest
    @MethodSource("appsAndJdks")
    void outputAndExitAreThoseOfTheRunWithoutTheAgent(App app, Jdk jdk) {
        ChildRun plain = RUNS.computeIfAbsent(job(app, jdk) + "-plain",
                name -> SpringBootRun.plain(jdk, app.jar(), dir, name));
        ChildRun run = instrumented(app, jdk);
        List<String> agentLines = run.stderr().stream().filter(line -> line.startsWith("remora:"))
                .collect(Collectors.toList());
        String both = "without the agent: " + plain + "\nwith it: " + run;
        // all four reported, so that the agent's own warning does not hide a change in the application's output
        assertAll(
                () -> assertEquals(List.of(), agentLines, run.toString()),
                () -> assertEquals(plain.exitCode(), run.exitCode(), both),
                () -> assertEquals(plain.stdout(), run.stdout(), both),
                () -> assertEquals(plain.stderr(), run.stderr(), both));
    }

    private static ChildRun instrumented(App app, Jdk jdk) {
        String job = job(app, jdk);
        return RUNS.computeIfAbsent(job, name -> SpringBootRun.instrumented(jdk, app.jar(), PROMETHEUS.receiver(), dir, name));
    }

    private static String job(App app, Jdk jdk) {
        return app.name().toLowerCase().replace('_', '-') + "-" + jdk.name().toLowerCase().replace('_', '-');
    }

    /** Every executor name exported for the job over the last hour (a pool stopped at exit included). */
    private static Set<String> executorNames(String job) {
        long now = System.currentTimeMillis();
        return PROMETHEUS.receiver().query()
                .series("executor_pool_size_threads{job=\"" + job + "\"}", now - 3_600_000, now + 60_000)
                .stream().map(labels -> labels.getOrDefault("name", "")).collect(Collectors.toCollection(TreeSet::new));
    }
}
