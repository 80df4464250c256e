package io.remora.it.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.it.agent.ChildJvm;
import io.remora.it.agent.ChildRun;
import io.remora.it.agent.Jdk;
import io.remora.it.agent.TestFiles;
import io.remora.exporter.testing.TextExposition;
import io.remora.it.receivers.Await;
import io.remora.it.receivers.RealReceiver;
import io.remora.it.receivers.Sample;
import io.remora.it.receivers.SeriesSamples;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The application's own Micrometer meters through the agent: the Spring Boot 3 service of
 * test-apps/ (Actuator's meters, and its own business meters, {@code OrderMeters}), run under the
 * agent, exporting every second to a real Prometheus.
 * <ul>
 *   <li>With {@code micrometer-registry-prometheus} (test-apps/spring-boot-3-prometheus): every
 *       sample of the application's own {@code /actuator/prometheus} page, read while it runs,
 *       arrives under the same name and labels, with the same value within one interval.
 *   <li>Without it (test-apps/spring-boot-3 and spring-boot-2: Micrometer core, Spring Boot's
 *       SimpleMeterRegistry): the business meters still arrive, under the same names, with the
 *       values the traffic gave.
 * </ul>
 */
class MicrometerBridgeTest {

    @RegisterExtension
    static final PrometheusPerClass PROMETHEUS = new PrometheusPerClass();

    @TempDir
    static Path dir;

    private static final Duration INTERVAL = Duration.ofSeconds(1);
    /** Rounds the agent exports after the traffic before the page is read, and between the two reads. */
    private static final Duration SETTLE = INTERVAL.multipliedBy(3);
    /**
     * Gauges that reading the page changes while the page is written, the same in both reads but
     * seen by no round of the agent (none runs during that request), only their presence checked:
     * Spring Boot's long task timer of requests in flight counts the page's own request, its Tomcat
     * thread is runnable rather than waiting, its connection is one more open file.
     */
    private static final Pattern CHANGED_BY_THE_READ = Pattern.compile("http_server_requests_active_seconds.*"
            + "|jvm_threads_states_threads\\{.*|process_files_open_files\\{.*");

    /**
     * The page is read twice, {@link #SETTLE} apart, rounds of the agent in between. A sample whose
     * value is the same in both reads must have arrived with exactly that value in a round between
     * them; one that moved (uptime, memory, the free space of this shared disk) must have arrived, its
     * value not compared, since no round reads a moving gauge at the instant the page did. Most of
     * the page is stable, counts and sums of the traffic's requests among them.
     */
    @Test
    void everySampleOfTheActuatorPrometheusPageArrivesWithItsNameLabelsAndValue() {
        String job = "micrometer-prometheus";
        List<Page> pages = new ArrayList<>();
        ChildRun run = SpringBootRun.instrumented(Jdk.DEFAULT,
                TestFiles.springBootApp("remora.it.spring-boot-3-prometheus-app"), PROMETHEUS.receiver(), dir, job,
                new String[] {"--management.endpoints.web.exposure.include=health,prometheus"}, port -> {
                    pause(SETTLE);
                    pages.add(Page.read(port));
                    pause(SETTLE);
                    pages.add(Page.read(port));
                });
        Page first = pages.get(0);
        Page second = pages.get(1);
        Map<String, List<Sample>> arrived = arrived(job, first.samples.size());

        List<String> missing = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        List<String> compared = new ArrayList<>();
        for (Map.Entry<String, Double> sample : first.samples.entrySet()) {
            String series = sample.getKey();
            double value = sample.getValue();
            List<Sample> samples = arrived.get(series);
            if (samples == null) {
                missing.add(series);
            } else if (!CHANGED_BY_THE_READ.matcher(series).matches() && second.samples.containsKey(series)
                    && Double.compare(value, second.samples.get(series)) == 0) {
                compared.add(series);
                if (samples.stream().noneMatch(s -> s.timestampMs() >= first.startMs && s.timestampMs() <= second.endMs
                        && Double.compare(s.value(), value) == 0)) {
                    wrong.add(series + " " + value + " on the page, arrived " + samples);
                }
            }
        }
        assertTrue(first.samples.size() > 100, "the page: " + first.samples.keySet());
        assertEquals(List.of(), missing, "on the page, not in Prometheus; " + run);
        assertEquals(List.of(), wrong, run.toString());
        System.out.println("MicrometerBridgeTest: " + first.samples.size() + " samples on the page, all arrived, "
                + compared.size() + " stable ones with the page's exact value");
        assertTrue(compared.size() > first.samples.size() / 2, "values compared: " + compared.size() + " of "
                + first.samples.size());
        assertTrue(compared.containsAll(expectedBusinessMeters(true).keySet()), compared.toString());
        // the business meters the traffic drove, exactly, as the page itself showed them
        assertEquals(expectedBusinessMeters(true), businessMeters(first.samples), first.samples.toString());
        // Spring Boot's process_start_time_seconds is Remora's too: one series, sent once a round, and
        // no request refused for two values at one timestamp
        assertTrue(compared.contains("process_start_time_seconds{}"), compared.toString());
        assertPoolsNotDoubled(first, second, arrived, run);
        arrived.forEach((series, samples) -> {
            if (series.startsWith("remora_samples_failed_total") || series.startsWith("remora_samples_dropped_total")) {
                assertEquals(0.0, samples.get(samples.size() - 1).value(), series + " " + run);
            }
        });
    }

    /**
     * The pools Remora also measures itself under Micrometer's names (HikariCP's tracker, Tomcat's
     * sessions) arrive once, as the application's own: exactly the page's series, no other label set,
     * and every sample between the two reads of a series that held still is the page's value.
     */
    private static void assertPoolsNotDoubled(Page first, Page second, Map<String, List<Sample>> arrived,
            ChildRun run) {
        Pattern pools = Pattern.compile("(hikaricp_|tomcat_sessions_|jetty_threads_).*");
        Set<String> onPage = new TreeSet<>(first.samples.keySet());
        onPage.removeIf(series -> !pools.matcher(series).matches());
        Set<String> sent = new TreeSet<>(arrived.keySet());
        sent.removeIf(series -> !pools.matcher(series).matches());
        assertEquals(onPage, sent, run.toString());
        assertTrue(onPage.contains("tomcat_sessions_created_sessions_total{}"), onPage.toString());
        assertTrue(onPage.stream().anyMatch(series -> series.startsWith("hikaricp_connections_usage_seconds_count{")),
                onPage.toString());
        for (String series : onPage) {
            double value = first.samples.get(series);
            if (Double.compare(value, second.samples.get(series)) == 0) {
                for (Sample sample : arrived.get(series)) {
                    if (sample.timestampMs() >= first.endMs && sample.timestampMs() <= second.startMs) {
                        assertEquals(value, sample.value(), series + " " + arrived.get(series));
                    }
                }
            }
        }
    }

    /**
     * Micrometer core only: Spring Boot's SimpleMeterRegistry, read under the same names; on Spring
     * Boot 3.5 (Micrometer 1.15) and 2.7 (Micrometer 1.9).
     */
    @ParameterizedTest
    @ValueSource(strings = {"remora.it.spring-boot-3-app", "remora.it.spring-boot-2-app"})
    void withoutThePrometheusRegistryTheMicrometerMetersStillArrive(String app) {
        String job = "micrometer-simple-" + (app.contains("-3-") ? 3 : 2);
        ChildRun run = SpringBootRun.instrumented(Jdk.DEFAULT, TestFiles.springBootApp(app),
                PROMETHEUS.receiver(), dir, job, new String[0], port -> pause(SETTLE));
        Map<String, List<Sample>> arrived = arrived(job, 20);
        Map<String, Double> latest = new TreeMap<>();
        arrived.forEach((series, samples) -> latest.put(series, samples.get(samples.size() - 1).value()));

        assertEquals(expectedBusinessMeters(false), businessMeters(latest), run.toString());
        // Actuator's own meters too: requests by route (tags differ between Spring Boot 2 and 3), and
        // the JVM's and the pool's from Micrometer's binders
        Map<String, Double> created = new TreeMap<>(latest);
        created.keySet().removeIf(series -> !(series.startsWith("http_server_requests_seconds_count{")
                && series.contains("method=\"POST\"") && series.contains("status=\"201\"")
                && series.contains("uri=\"/orders\"")));
        assertEquals(List.of((double) OrdersTraffic.CREATED), new ArrayList<>(created.values()), latest.toString());
        assertTrue(latest.keySet().stream().anyMatch(s -> s.startsWith("jvm_threads_live_threads{")),
                latest.toString());
        assertTrue(latest.keySet().stream().anyMatch(s -> s.startsWith("hikaricp_connections{")), latest.toString());
    }

    /**
     * The agent attached to the application once it serves: its registries, built before the advice
     * was in place, are found at their next meter lookup (every request's timer), and the meters
     * they already held arrive with the values the traffic gave.
     */
    @Test
    void anAttachedAgentFindsTheRegistriesBuiltBeforeIt() {
        String job = "micrometer-attached";
        try (RealReceiver receiver = RealReceiver.prometheus()) {
            ChildRun run = SpringBootRun.plain(Jdk.DEFAULT, TestFiles.springBootApp("remora.it.spring-boot-3-app"), dir,
                    job, pid -> {
                        ChildRun attach = ChildJvm.Started.run(List.of(Jdk.DEFAULT.java().toString(), "-jar",
                                TestFiles.agentJar().toString(), "attach", Long.toString(pid),
                                "endpoint=" + receiver.writeUrl(), "interval=1s", "job=" + job,
                                "spool.dir=" + dir.resolve(job + "-spool")),
                                dir.resolve("attach.out"), dir.resolve("attach.err")).awaitExit(ChildJvm.RUN_TIMEOUT);
                        assertEquals(0, attach.exitCode(), attach.toString());
                        pause(SETTLE); // the advice is put in place on the agent's thread, after the attach returns
                    }, port -> Await.until("orders_placed_total of " + job, Duration.ofSeconds(30),
                            () -> receiver.query().instant("orders_placed_total{job=\"" + job + "\"}"),
                            list -> !list.isEmpty()));
            List<SeriesSamples> placed = receiver.query().raw("orders_placed_total{job=\"" + job + "\"}",
                    Duration.ofMinutes(10));
            assertEquals(1, placed.size(), placed + "\n" + run);
            assertEquals((double) OrdersTraffic.CREATED, placed.get(0).latest().value(), run.toString());
            List<SeriesSamples> stored = receiver.query().raw("orders_stored{job=\"" + job + "\"}",
                    Duration.ofMinutes(10));
            assertEquals((double) OrdersTraffic.CREATED, stored.get(0).latest().value(), run.toString());
        }
    }

    /**
     * What {@code OrderMeters} holds after {@link OrdersTraffic}; a SimpleMeterRegistry's summary is
     * sent without its buckets (its histogram decays), and shows them itself as gauges.
     */
    private static Map<String, Double> expectedBusinessMeters(boolean prometheusRegistry) {
        int lookups = OrdersTraffic.FOUND + OrdersTraffic.MISSING;
        int listings = OrdersTraffic.LISTED + OrdersTraffic.READINESS_PROBES;
        double quantities = OrdersTraffic.CREATED * (OrdersTraffic.CREATED + 1) / 2.0; // 1 + 2 + ... + CREATED
        Map<String, Double> expected = new TreeMap<>();
        expected.put("orders_placed_total{channel=\"web\"}", (double) OrdersTraffic.CREATED);
        expected.put("orders_quantity_items_count{}", (double) OrdersTraffic.CREATED);
        expected.put("orders_quantity_items_sum{}", quantities);
        expected.put("orders_quantity_items_max{}", (double) OrdersTraffic.CREATED);
        expected.put("orders_lookup_seconds_count{found=\"any\"}", (double) lookups);
        expected.put("orders_stored{}", (double) OrdersTraffic.CREATED);
        expected.put("orders_listings_total{}", (double) listings);
        expected.put("orders_list_seconds_count{}", (double) listings);
        expected.put("orders_reports_seconds_count{}", 0.0);
        expected.put("orders_reports_seconds_sum{}", 0.0);
        expected.put("orders_reports_seconds_max{}", 0.0);
        if (prometheusRegistry) {
            expected.put("orders_quantity_items_bucket{le=\"1.0\"}", 1.0);
            expected.put("orders_quantity_items_bucket{le=\"2.0\"}", 2.0);
            expected.put("orders_quantity_items_bucket{le=\"5.0\"}", 5.0);
            expected.put("orders_quantity_items_bucket{le=\"+Inf\"}", 5.0);
        } else {
            expected.put("orders_quantity_histogram{le=\"1\"}", 1.0);
            expected.put("orders_quantity_histogram{le=\"2\"}", 2.0);
            expected.put("orders_quantity_histogram{le=\"5\"}", 5.0);
        }
        return expected;
    }

    /** The samples of the meters whose value the traffic fixes (timings and a lookup's histogram left out). */
    private static Map<String, Double> businessMeters(Map<String, Double> samples) {
        Map<String, Double> business = new TreeMap<>();
        samples.forEach((series, value) -> {
            if (series.startsWith("orders_") && !series.startsWith("orders_lookup_seconds_")
                    && !series.startsWith("orders_list_seconds_sum") && !series.startsWith("orders_lookup_histogram")) {
                business.put(series, value);
            }
        });
        String lookups = "orders_lookup_seconds_count{found=\"any\"}";
        business.put(lookups, samples.get(lookups));
        return business;
    }

    /**
     * Every series of the job over the last 10 minutes, keyed as the page is (job and instance, which
     * the agent adds, left out), with its samples; waits until at least {@code atLeast} arrived.
     */
    private static Map<String, List<Sample>> arrived(String job, int atLeast) {
        return arrived(PROMETHEUS.receiver(), job, atLeast);
    }

    static Map<String, List<Sample>> arrived(RealReceiver receiver, String job, int atLeast) {
        List<SeriesSamples> all = Await.until("series of " + job, Duration.ofSeconds(30),
                () -> receiver.query().raw("{job=\"" + job + "\"}", Duration.ofMinutes(10)),
                list -> list.size() >= atLeast);
        Map<String, List<Sample>> byKey = new HashMap<>();
        for (SeriesSamples series : all) {
            Map<String, String> labels = new TreeMap<>(series.labels());
            String name = labels.remove("__name__");
            labels.remove("job");
            labels.remove("instance");
            byKey.put(TextExposition.key(name, labels), series.samples());
        }
        return byKey;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The application's {@code /actuator/prometheus} page in the Prometheus text format, and when it was read. */
    static final class Page {

        final Map<String, Double> samples;
        final long startMs;
        final long endMs;

        private Page(Map<String, Double> samples, long startMs, long endMs) {
            this.samples = samples;
            this.startMs = startMs;
            this.endMs = endMs;
        }

        static Page read(int port) {
            URI page = URI.create("http://127.0.0.1:" + port + "/actuator/prometheus");
            HttpRequest request = HttpRequest.newBuilder(page)
                    .header("Accept", "text/plain; version=0.0.4").timeout(Duration.ofSeconds(30)).GET().build();
            long start = System.currentTimeMillis();
            HttpResponse<String> response;
            try {
                response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new AssertionError("cannot read the application's page: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            long end = System.currentTimeMillis();
            assertEquals(200, response.statusCode(), response.body());
            return new Page(TextExposition.parse(response.body()), start, end);
        }
    }
}
