package io.remora.it.instrument.app;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.core.metrics.StateSet;
import io.prometheus.metrics.core.metrics.Summary;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/**
 * Prometheus client_java 1.x in its default registry, with known values: a counter with labels, a
 * gauge, a classic and a native-only histogram, a summary, an info and a state set, and a gauge
 * under one of Remora's own names ({@value #COLLIDING}). Prints its own text exposition, as its
 * {@code /metrics} page would show it, then registers a collector that throws, and lives a few of
 * the agent's rounds (the test gives it a 1 s interval).
 */
public final class ClientJava1App {

    public static final String COLLIDING = "jvm_threads_daemon";
    public static final double COLLIDING_VALUE = 4242;

    private ClientJava1App() {
    }

    public static void main(String[] args) throws Exception {
        Gate.await(args[0]);
        Counter requests = Counter.builder().name("app_requests_total").help("requests").labelNames("method", "status")
                .register();
        requests.labelValues("GET", "200").inc(7);
        requests.labelValues("POST", "500").inc(2);
        Gauge.builder().name("app_queue_size").help("queued").register().set(42);
        Histogram latency = Histogram.builder().name("app_latency_seconds").help("latency")
                .classicUpperBounds(0.1, 0.5, 1.0).labelNames("route").register();
        for (double seconds : new double[] {0.05, 0.2, 0.3, 2.0}) {
            latency.labelValues("/orders").observe(seconds);
        }
        Histogram nativeOnly = Histogram.builder().name("app_native_seconds").help("native only").nativeOnly()
                .register();
        nativeOnly.observe(0.25);
        nativeOnly.observe(0.75);
        Summary payload = Summary.builder().name("app_payload_bytes").help("payload").quantile(0.5, 0.01)
                .quantile(0.9, 0.01).register();
        for (int bytes = 100; bytes <= 1000; bytes += 100) {
            payload.observe(bytes);
        }
        Info.builder().name("app_build_info").help("build").labelNames("version", "commit").register()
                .addLabelValues("1.2.3", "abc123");
        StateSet features = StateSet.builder().name("app_feature").help("features").labelNames("env")
                .states("fast_checkout", "new_search").register();
        features.labelValues("prod").setTrue("fast_checkout");
        features.labelValues("prod").setFalse("new_search");
        Gauge.builder().name(COLLIDING).help("not the JVM's").register().set(COLLIDING_VALUE);

        PrometheusTextFormatWriter.create().write(System.out, PrometheusRegistry.defaultRegistry.scrape());
        System.out.flush();
        PrometheusRegistry.defaultRegistry.register(ClientJava1App::broken);
        Thread.sleep(3_000);
    }

    private static MetricSnapshot broken() {
        throw new IllegalStateException("a broken collector");
    }
}
