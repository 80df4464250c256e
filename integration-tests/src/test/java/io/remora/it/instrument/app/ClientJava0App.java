package io.remora.it.instrument.app;

import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Gauge;
import io.prometheus.client.Histogram;
import io.prometheus.client.Summary;
import io.prometheus.client.exporter.common.TextFormat;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

/**
 * Prometheus client_java 0.x (simpleclient) in its default registry, with known values: a counter
 * with labels, a gauge, a histogram and a summary. Prints its own text exposition, as its
 * {@code /metrics} page would show it, then registers a collector that throws, and lives a few of
 * the agent's rounds (the test gives it a 1 s interval).
 */
public final class ClientJava0App {

    private ClientJava0App() {
    }

    public static void main(String[] args) throws Exception {
        Gate.await(args[0]);
        Counter requests = Counter.build().name("app_requests_total").help("requests").labelNames("method", "status")
                .register();
        requests.labels("GET", "200").inc(7);
        requests.labels("POST", "500").inc(2);
        Gauge.build().name("app_queue_size").help("queued").register().set(42);
        Histogram latency = Histogram.build().name("app_latency_seconds").help("latency").buckets(0.1, 0.5, 1.0)
                .labelNames("route").register();
        for (double seconds : new double[] {0.05, 0.2, 0.3, 2.0}) {
            latency.labels("/orders").observe(seconds);
        }
        Summary payload = Summary.build().name("app_payload_bytes").help("payload").quantile(0.5, 0.01)
                .quantile(0.9, 0.01).register();
        for (int bytes = 100; bytes <= 1000; bytes += 100) {
            payload.observe(bytes);
        }

        Writer out = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
        TextFormat.write004(out, CollectorRegistry.defaultRegistry.metricFamilySamples());
        out.flush();
        new Broken().register();
        Thread.sleep(3_000);
    }

    /** Describes itself (the default registry collects an undescribed collector when it is registered), then throws. */
    private static final class Broken extends Collector implements Collector.Describable {
        @Override
        public List<MetricFamilySamples> collect() {
            throw new IllegalStateException("a broken collector");
        }

        @Override
        public List<MetricFamilySamples> describe() {
            return Collections.emptyList();
        }
    }
}
