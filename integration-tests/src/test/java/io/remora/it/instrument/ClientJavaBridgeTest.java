package io.remora.it.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.exporter.testing.TextExposition;
import io.remora.it.agent.ChildRun;
import io.remora.it.agent.Jdk;
import io.remora.it.instrument.app.ClientJava0App;
import io.remora.it.instrument.app.ClientJava1App;
import io.remora.it.receivers.Sample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The application's own Prometheus client_java metrics through the agent, on JDK 17 and 25: a plain
 * application with client_java 1.x and one with 0.x, each with known values in its default
 * registry, print their own text exposition; every sample of it arrives at a real Prometheus with
 * the same name, labels and value. A collector that throws is left out alone, said once; a gauge
 * under one of Remora's own names and labels arrives once, with the application's value.
 */
class ClientJavaBridgeTest {

    @RegisterExtension
    static final PrometheusPerClass PROMETHEUS = new PrometheusPerClass();

    @TempDir
    static Path dir;

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void clientJava1DefaultRegistryArrivesAsItsTextFormatShowsIt(Jdk jdk) {
        String job = "client-java-1-" + jdk.name().toLowerCase();
        ChildRun run = run(jdk, ClientJava1App.class, job, "/io/prometheus/prometheus-metrics-");
        Map<String, Double> page = assertEverySampleArrived(job, run);

        Map<String, Double> expected = bothApps();
        // native only: the text format shows its one +Inf bucket
        expected.put("app_native_seconds_bucket{le=\"+Inf\"}", 2.0);
        expected.put("app_native_seconds_count{}", 2.0);
        expected.put("app_native_seconds_sum{}", 1.0);
        expected.put("app_build_info{commit=\"abc123\",version=\"1.2.3\"}", 1.0);
        expected.put("app_feature{app_feature=\"fast_checkout\",env=\"prod\"}", 1.0);
        expected.put("app_feature{app_feature=\"new_search\",env=\"prod\"}", 0.0);
        expected.put(ClientJava1App.COLLIDING + "{}", ClientJava1App.COLLIDING_VALUE);
        assertEquals(expected, only(page, expected), run.toString());
        assertTrue(page.containsKey("app_payload_bytes{quantile=\"0.5\"}"), page.toString());
        assertTrue(page.containsKey("app_payload_bytes{quantile=\"0.9\"}"), page.toString());
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void clientJava0DefaultRegistryArrivesAsItsTextFormatShowsIt(Jdk jdk) {
        String job = "client-java-0-" + jdk.name().toLowerCase();
        ChildRun run = run(jdk, ClientJava0App.class, job, "/io/prometheus/simpleclient");
        Map<String, Double> page = assertEverySampleArrived(job, run);

        Map<String, Double> expected = bothApps();
        assertEquals(expected, only(page, expected), run.toString());
        assertTrue(page.containsKey("app_payload_bytes{quantile=\"0.5\"}"), page.toString());
        assertTrue(page.containsKey("app_requests_created{method=\"GET\",status=\"200\"}"), page.toString());
    }

    /** What both applications register the same way, with its values. */
    private static Map<String, Double> bothApps() {
        Map<String, Double> expected = new TreeMap<>();
        expected.put("app_requests_total{method=\"GET\",status=\"200\"}", 7.0);
        expected.put("app_requests_total{method=\"POST\",status=\"500\"}", 2.0);
        expected.put("app_queue_size{}", 42.0);
        expected.put("app_latency_seconds_bucket{le=\"0.1\",route=\"/orders\"}", 1.0);
        expected.put("app_latency_seconds_bucket{le=\"0.5\",route=\"/orders\"}", 3.0);
        expected.put("app_latency_seconds_bucket{le=\"1.0\",route=\"/orders\"}", 3.0);
        expected.put("app_latency_seconds_bucket{le=\"+Inf\",route=\"/orders\"}", 4.0);
        expected.put("app_latency_seconds_count{route=\"/orders\"}", 4.0);
        expected.put("app_latency_seconds_sum{route=\"/orders\"}", 0.05 + 0.2 + 0.3 + 2.0);
        expected.put("app_payload_bytes_count{}", 10.0);
        expected.put("app_payload_bytes_sum{}", 5500.0);
        return expected;
    }

    private static ChildRun run(Jdk jdk, Class<?> app, String job, String library) {
        return InstrumentedRun.of(jdk, app, job).classPath(TestClassPath.jarsUnder(library))
                .property("remora.interval", "1s").run(PROMETHEUS.receiver(), dir);
    }

    /**
     * The application's own exposition (its stdout), every sample of which must have arrived under
     * the same name and labels, its newest value the page's (the application changes nothing after
     * printing it); the collector registered after it, which throws, said once and nothing else lost.
     */
    private static Map<String, Double> assertEverySampleArrived(String job, ChildRun run) {
        Map<String, Double> page = TextExposition.parse(String.join("\n", run.stdout()));
        Map<String, List<Sample>> arrived = MicrometerBridgeTest.arrived(PROMETHEUS.receiver(), job, page.size());
        List<String> missing = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        page.forEach((series, value) -> {
            List<Sample> samples = arrived.get(series);
            if (samples == null) {
                missing.add(series);
            } else if (Double.compare(samples.get(samples.size() - 1).value(), value) != 0) {
                wrong.add(series + " " + value + " on the page, arrived " + samples);
            }
        });
        assertEquals(List.of(), missing, "on the page, not in Prometheus; " + run);
        assertEquals(List.of(), wrong, run.toString());
        assertEquals(1, run.stderr().stream().filter(line -> line.contains("could not be read")
                && line.contains("a broken collector")).count(), run.toString());
        arrived.forEach((series, samples) -> {
            if (series.startsWith("remora_samples_failed_total") || series.startsWith("remora_samples_dropped_total")) {
                assertEquals(0.0, samples.get(samples.size() - 1).value(), series + " " + run);
            }
        });
        return page;
    }

    private static Map<String, Double> only(Map<String, Double> page, Map<String, Double> expected) {
        Map<String, Double> found = new TreeMap<>(page);
        found.keySet().retainAll(expected.keySet());
        return found;
    }
}
