package io.remora.it.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.remora.exporter.testing.RemoteWriteReceiver;
import io.remora.exporter.testing.ScriptedResponse;
import io.remora.it.agent.ChildJvm;
import io.remora.it.agent.Jdk;
import io.remora.it.agent.TestFiles;
import io.remora.it.dashboard.app.OrdersClientApp;
import io.remora.it.instrument.InstrumentedRun;
import io.remora.it.receivers.RealReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dashboards/remora.json against what the agent really writes: every target of every panel (and
 * the template variables' queries) is run through a real Prometheus's query API, fed by the agent
 * in two running programs: the Spring Boot 3 service of test-apps/ (Tomcat, Spring MVC, JdbcTemplate
 * on HikariCP + H2, an {@code @Async} executor) and {@link OrdersClientApp}, which calls it through
 * {@code java.net.http.HttpClient} (every route, a 404, a 500, a JDBC error, a refused connection)
 * and collects garbage now and then. The client's agent also writes to a second endpoint that
 * answers 503 eight times and then 400, over and over, so that the agent's retried, failed and
 * spool series carry something. A query that Prometheus rejects, or that returns nothing (or only
 * NaN) while both programs run, fails the test with its panel and query; so does a zero where the
 * test feeds a panel on purpose ({@link #ABOVE_ZERO}). Every panel is fed: none is excepted.
 */
class DashboardTest {

    /** Every job of this test: what {@code $job} stands for. */
    private static final String JOBS = "dashboard-.+";
    private static final String SERVICE_JOB = "dashboard-orders";
    private static final String CLIENT_JOB = "dashboard-client";

    /** What the dashboard's variables stand for here (Grafana's own as well as the dashboard's). */
    private static final Map<String, String> VARIABLES = Map.of(
            "job", JOBS,
            "instance", ".+",
            "__rate_interval", "1m");

    /**
     * Panels whose zero would hide a feed that does not work: each of their queries must show a
     * value above zero in some series, not only a series.
     */
    private static final Set<String> ABOVE_ZERO = Set.of(
            "GC pauses per second", "Errors per second by route", "Errors per second by server",
            "Errors per second", "Samples retried per second", "Samples failed per second", "Spool size",
            "Spool oldest sample age");

    /** How long the queries may take to return data once both programs run. */
    private static final Duration DATA_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}|\\$(\\w+)");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*(\\w+)\\s*\\)");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** One PromQL query of the dashboard: where it is, and what is sent. */
    private static final class Query {
        /** The panel's title, or the variable's name. */
        final String source;
        final String where;
        final String expr;
        final boolean aboveZero;

        Query(String source, String where, String expr) {
            this.source = source;
            this.where = where;
            this.expr = expr;
            this.aboveZero = ABOVE_ZERO.contains(source);
        }

        @Override
        public String toString() {
            return where + ": " + expr;
        }
    }

    @Test
    void everyPanelQueryIsValidAndReturnsDataFromTheAgent() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(dashboardFile().toFile());
        List<Query> queries = new ArrayList<>();
        collectQueries(dashboard, queries);

        long started = System.nanoTime();
        try (RealReceiver prometheus = RealReceiver.prometheus();
                RemoteWriteReceiver refusing = RemoteWriteReceiver.start()) {
            // eight retryable answers (503: retried, with backoff, some 8 s in all), then a rejection
            // (400: failed, dropped as rejected), on and on: every rate window holds some of both, and
            // the requests that arrive meanwhile wait in the spool, which grows and ages
            ScriptedResponse[] cycle = new ScriptedResponse[9];
            Arrays.fill(cycle, ScriptedResponse.status(503));
            cycle[8] = ScriptedResponse.status(400);
            for (int i = 0; i < 200; i++) {
                refusing.enqueue(cycle);
            }
            refusing.respondByDefault(ScriptedResponse.status(503));
            int port = freePort();
            ChildJvm.Started service = startService(prometheus, port);
            try {
                awaitServing(service, port);
                ChildJvm.Started client = InstrumentedRun.of(Jdk.DEFAULT, OrdersClientApp.class, CLIENT_JOB)
                        .property("remora.endpoint", prometheus.writeUrl() + "," + refusing.url())
                        .property("remora.interval", "1s")
                        .arguments(String.valueOf(port))
                        .start(prometheus, dir);
                try {
                    check(prometheus, queries);
                    assertTrue(client.isAlive(), () -> "the client ran to the end: " + client.awaitExit(Duration.ZERO));
                } finally {
                    client.terminate();
                    client.awaitExit(ChildJvm.RUN_TIMEOUT);
                }
                assertTrue(service.isAlive(), () -> "the service ran to the end: " + service.awaitExit(Duration.ZERO));
            } finally {
                service.terminate();
                service.awaitExit(ChildJvm.RUN_TIMEOUT);
            }
        }
        System.out.printf("DashboardTest: %d queries returned data, in %d s%n",
                queries.size(), Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }

    /**
     * Every target's expression, variables substituted, into {@code queries},
     * and each query variable as the PromQL that returns its values. Fails on a dashboard without
     * panels, a panel without targets, a target without an expression, a datasource other than the
     * {@code datasource} variable, or a variable the test does not know.
     */
    private static void collectQueries(JsonNode dashboard, List<Query> queries) {
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (!"query".equals(variable.path("type").asText())) {
                continue;
            }
            String definition = variable.path("query").isObject()
                    ? variable.path("query").path("query").asText() : variable.path("query").asText();
            Matcher labelValues = LABEL_VALUES.matcher(definition);
            assertTrue(labelValues.matches(), "variable " + variable.path("name") + ": expected label_values(...), got "
                    + definition);
            String name = variable.path("name").asText();
            queries.add(new Query(name, "variable $" + name,
                    "count by (" + labelValues.group(2) + ") (" + substitute(labelValues.group(1)) + ")"));
        }
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            // a collapsed row holds its panels itself
            panel.path("panels").forEach(panels::add);
        }
        assertFalse(panels.isEmpty(), "the dashboard has no panels");
        int withTargets = 0;
        for (JsonNode panel : panels) {
            if ("row".equals(panel.path("type").asText())) {
                continue;
            }
            String title = panel.path("title").asText();
            JsonNode targets = panel.path("targets");
            assertTrue(targets.size() > 0, "panel '" + title + "' has no targets");
            assertEquals("${datasource}", panel.path("datasource").path("uid").asText(),
                    "panel '" + title + "' reads the dashboard's datasource variable");
            withTargets++;
            for (JsonNode target : targets) {
                String expr = target.path("expr").asText();
                assertFalse(expr.isBlank(), "panel '" + title + "' target " + target.path("refId") + " has no expr");
                Query query = new Query(title, "panel '" + title + "' " + target.path("refId").asText(), substitute(expr));
                queries.add(query);
            }
        }
        assertTrue(withTargets > 0, "the dashboard has only rows");
    }

    private static String substitute(String expr) {
        Matcher variable = VARIABLE.matcher(expr);
        StringBuilder result = new StringBuilder();
        while (variable.find()) {
            String name = variable.group(1) != null ? variable.group(1) : variable.group(2);
            String value = VARIABLES.get(name);
            if (value == null) {
                fail("unknown variable $" + name + " in " + expr + "; known: " + VARIABLES.keySet());
            }
            variable.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        variable.appendTail(result);
        return result.toString();
    }

    /**
     * Runs the queries until each has returned data or the time is up; a query Prometheus rejects
     * fails at once.
     */
    private void check(RealReceiver prometheus, List<Query> queries) throws InterruptedException {
        List<String> failures = new ArrayList<>();
        List<Query> waiting = new ArrayList<>(queries);
        long deadline = System.nanoTime() + DATA_TIMEOUT.toNanos();
        while (!waiting.isEmpty()) {
            for (Iterator<Query> it = waiting.iterator(); it.hasNext(); ) {
                Query query = it.next();
                Result result = run(prometheus, query.expr);
                if (result.error != null) {
                    failures.add(query + "\n    invalid: " + result.error);
                    it.remove();
                } else if (query.aboveZero ? result.aboveZero : result.hasData) {
                    System.out.println("DashboardTest: " + query.where + ": " + result.example);
                    it.remove();
                }
            }
            if (waiting.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(2_000);
        }
        for (Query query : waiting) {
            failures.add(query + "\n    returned " + (query.aboveZero ? "no value above zero" : "nothing (or only NaN)")
                    + " within " + DATA_TIMEOUT);
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + queries.size() + " dashboard queries failed"
                    + " (job=~\"" + JOBS + "\", instance=~\".+\", $__rate_interval=1m) against " + prometheus
                    + ":\n" + String.join("\n", failures));
        }
    }

    /** What one instant query answered: an error, or whether any series has a value that is a number. */
    private static final class Result {
        final String error;
        final boolean hasData;
        final boolean aboveZero;
        /** A series with a number (above zero if any), for the test's output. */
        final String example;

        Result(String error, boolean hasData, boolean aboveZero, String example) {
            this.error = error;
            this.hasData = hasData;
            this.aboveZero = aboveZero;
            this.example = example;
        }
    }

    private Result run(RealReceiver prometheus, String promql) {
        URI uri = prometheus.baseUri().resolve("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(prometheus + " did not answer " + promql, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        JsonNode body;
        try {
            body = new ObjectMapper().readTree(response.body());
        } catch (IOException e) {
            return new Result("HTTP " + response.statusCode() + ", not JSON: " + response.body(), false, false, null);
        }
        if (!"success".equals(body.path("status").asText())) {
            return new Result("HTTP " + response.statusCode() + " " + body.path("errorType").asText() + ": "
                    + body.path("error").asText(), false, false, null);
        }
        JsonNode data = body.path("data");
        if (!"vector".equals(data.path("resultType").asText())) {
            return new Result("a panel's query should give an instant vector, got " + data.path("resultType"), false, false, null);
        }
        JsonNode example = null;
        boolean aboveZero = false;
        for (JsonNode series : data.path("result")) {
            double value = number(series.path("value").path(1).asText());
            if (value > 0) {
                example = series;
                aboveZero = true;
                break;
            }
            if (!Double.isNaN(value) && example == null) {
                example = series;
            }
        }
        if (example == null) {
            return new Result(null, false, false, null);
        }
        return new Result(null, true, aboveZero, data.path("result").size() + " series, e.g. " + example.path("metric")
                + " " + example.path("value").path(1).asText());
    }

    /** A value as the query API writes it: "1.5", "NaN", "+Inf", "-Inf". */
    private static double number(String text) {
        switch (text) {
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                return Double.parseDouble(text);
        }
    }

    /** The Spring Boot 3 service from its fat jar, under the agent, exporting every second. */
    private ChildJvm.Started startService(RealReceiver prometheus, int port) {
        return ChildJvm.ofJar(Jdk.DEFAULT, TestFiles.springBootApp("remora.it.spring-boot-3-app"),
                        "--server.port=" + port, "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
                        "--logging.level.root=WARN")
                .exportingTo(prometheus, SERVICE_JOB, dir)
                .property("remora.interval", "1s")
                .start(dir, SERVICE_JOB);
    }

    /** Polls GET /orders until it answers 200. */
    private void awaitServing(ChildJvm.Started service, int port) throws InterruptedException {
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            try {
                int status = http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!service.isAlive()) {
                fail("the service exited before it served: " + service.awaitExit(Duration.ZERO));
            }
            if (System.nanoTime() > deadline) {
                fail("the service did not serve within " + READY_TIMEOUT);
            }
            Thread.sleep(100);
        }
    }

    private static Path dashboardFile() {
        String property = System.getProperty("remora.it.dashboard");
        assertTrue(property != null && !property.isBlank(),
                "system property remora.it.dashboard is not set: run the tests through mvn");
        return Paths.get(property).toAbsolutePath().normalize();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
