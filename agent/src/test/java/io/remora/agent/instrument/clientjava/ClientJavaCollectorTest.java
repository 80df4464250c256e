package io.remora.agent.instrument.clientjava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.core.metrics.StateSet;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.remora.agent.instrument.RoundWriter;
import io.remora.log.Log;
import io.remora.exporter.series.Series;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client_java bridge on client_java 1.4 (micrometer-registry-prometheus's, on this class path):
 * the default registry only, each kind under the names the text format gives it, a collector that
 * throws left out alone, and a series Remora writes itself left to the application.
 */
class ClientJavaCollectorTest {

    private final ConcurrentLinkedQueue<WeakReference<Object>> registries = new ConcurrentLinkedQueue<>();
    private final ClientJavaCollector collector = new ClientJavaCollector(registries::iterator);
    private final RoundWriter writer = new RoundWriter();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    /** What this test put in the JVM-wide default registry, taken out after it. */
    private final List<Collector> registered = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        registered.forEach(PrometheusRegistry.defaultRegistry::unregister);
        Log.setOutput(System.err);
    }

    @Test
    void theDefaultRegistryIsSentAsTheTextFormatShowsItAndNoOtherRegistry() {
        Counter requests = register(Counter.builder().name("requests_total").labelNames("method").build());
        requests.labelValues("GET").inc(3);
        register(Gauge.builder().name("queue.size").build()).set(5);
        Histogram latency = register(Histogram.builder().name("latency_seconds").classicUpperBounds(0.5, 1).build());
        latency.observe(0.25);
        latency.observe(4);
        register(Info.builder().name("build_info").labelNames("version").build()).addLabelValues("1.0");
        StateSet feature = register(StateSet.builder().name("feature").states("on_sale").build());
        feature.setTrue("on_sale");
        PrometheusRegistry other = new PrometheusRegistry();
        Counter.builder().name("not_default_total").register(other).inc();
        registries.add(new WeakReference<>(other));
        registries.add(new WeakReference<>(PrometheusRegistry.defaultRegistry));

        collector.collect(writer, 1000);

        Map<String, Double> expected = new TreeMap<>();
        expected.put("requests_total{method=\"GET\"}", 3.0);
        expected.put("queue_size{}", 5.0);
        expected.put("latency_seconds_bucket{le=\"0.5\"}", 1.0);
        expected.put("latency_seconds_bucket{le=\"1.0\"}", 1.0);
        expected.put("latency_seconds_bucket{le=\"+Inf\"}", 2.0);
        expected.put("latency_seconds_count{}", 2.0);
        expected.put("latency_seconds_sum{}", 4.25);
        expected.put("build_info{version=\"1.0\"}", 1.0);
        expected.put("feature{feature=\"on_sale\"}", 1.0);
        assertEquals(expected, writer.latest());
    }

    @Test
    void aCollectorThatThrowsIsLeftOutAloneAndReportedOnce() {
        Log.setOutput(new PrintStream(log, true, StandardCharsets.UTF_8));
        AtomicInteger calls = new AtomicInteger();
        Collector broken = () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("no snapshot");
        };
        PrometheusRegistry.defaultRegistry.register(broken);
        registered.add(broken);
        register(Counter.builder().name("fine_total").build()).inc();
        registries.add(new WeakReference<>(PrometheusRegistry.defaultRegistry));

        collector.collect(writer, 1000);
        writer.newRound();
        collector.collect(writer, 2000);

        assertEquals(Map.of("fine_total{}", 1.0), writer.latest());
        assertEquals(1, writer.records);
        assertEquals(1, calls.get());
        String said = log.toString(StandardCharsets.UTF_8);
        assertEquals(1, said.split("no snapshot", -1).length - 1, said);
        assertTrue(said.contains("client_java 1.x collector"), said);
    }

    @Test
    void aSeriesRemoraAlreadyWroteInTheRoundIsLeftToTheApplication() {
        register(Gauge.builder().name("jvm_threads_daemon").build()).set(4242);
        registries.add(new WeakReference<>(PrometheusRegistry.defaultRegistry));
        Series remoras = writer.series("jvm_threads_daemon");
        writer.record(remoras, 1000, 7);

        collector.collect(writer, 1000);

        assertEquals(Map.of("jvm_threads_daemon{}", 7.0), writer.latest());
        assertEquals(1, writer.records);
        assertEquals(Set.of(remoras), writer.yielded);
    }

    private <T extends Collector> T register(T metric) {
        PrometheusRegistry.defaultRegistry.register(metric);
        registered.add(metric);
        return metric;
    }
}
