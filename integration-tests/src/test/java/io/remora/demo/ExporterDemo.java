package io.remora.demo;

import io.remora.exporter.Exporter;
import io.remora.exporter.ExporterConfig;
import io.remora.exporter.send.EndpointConfig;
import io.remora.exporter.series.Series;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Pushes the metrics of a small simulated web shop through the Exporter facade once a second:
 * request counters, a request-duration histogram, a queue gauge, and this JVM's real heap and
 * thread figures. Usage: {@code ExporterDemo WRITE_URL JOB SECONDS}.
 */
public final class ExporterDemo {

    private static final double[] LATENCY_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1};
    private static final String[][] ROUTES = {
        {"GET", "/api/orders", "200"}, {"POST", "/api/orders", "201"}, {"GET", "/api/orders", "500"}};
    private static final double[] REQUESTS_PER_SECOND = {40, 8, 0.5};

    private ExporterDemo() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: ExporterDemo WRITE_URL JOB SECONDS");
            System.exit(2);
        }
        URI writeUrl = URI.create(args[0]);
        String job = args[1];
        int seconds = Integer.parseInt(args[2]);

        Map<String, String> external = new LinkedHashMap<>();
        external.put("job", job);
        external.put("instance", hostName() + ":" + ProcessHandle.current().pid());
        ExporterConfig config = ExporterConfig.builder()
                .endpoint(EndpointConfig.builder(writeUrl).build())
                .externalLabels(external)
                .batchMaxDelay(Duration.ofSeconds(1))
                .build();

        Random random = new Random(42);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long recorded = 0;
        long dropped = 0;
        try (Exporter exporter = Exporter.start(config)) {
            Series[] requests = new Series[ROUTES.length];
            long[] requestTotals = new long[ROUTES.length];
            for (int r = 0; r < ROUTES.length; r++) {
                requests[r] = exporter.series("demo_http_requests_total",
                        "method", ROUTES[r][0], "route", ROUTES[r][1], "status", ROUTES[r][2]);
            }
            DemoHistogram latency = new DemoHistogram(exporter, "demo_http_request_duration_seconds",
                    LATENCY_BUCKETS, "route", "/api/orders");
            Series queue = exporter.series("demo_order_queue_depth");
            Series heap = exporter.series("demo_jvm_memory_used_bytes", "area", "heap");
            Series nonHeap = exporter.series("demo_jvm_memory_used_bytes", "area", "nonheap");
            Series threads = exporter.series("demo_jvm_threads_live");
            int seriesCount = ROUTES.length + latency.seriesCount() + 4;
            double queueDepth = 5;

            long next = System.currentTimeMillis();
            for (int tick = 1; tick <= seconds; tick++) {
                for (int r = 0; r < ROUTES.length; r++) {
                    long arrived = poisson(random, REQUESTS_PER_SECOND[r]);
                    requestTotals[r] += arrived;
                    for (long i = 0; i < arrived; i++) {
                        // log-normal latency around 40 ms with a long tail
                        latency.observe(Math.exp(Math.log(0.04) + 0.9 * random.nextGaussian()));
                    }
                }
                queueDepth = Math.max(0, queueDepth + random.nextGaussian() * 2);

                long now = System.currentTimeMillis();
                int accepted = 0;
                for (int r = 0; r < ROUTES.length; r++) {
                    accepted += exporter.record(requests[r], now, requestTotals[r]) ? 1 : 0;
                }
                accepted += latency.record(exporter, now);
                accepted += exporter.record(queue, now, Math.round(queueDepth)) ? 1 : 0;
                accepted += exporter.record(heap, now, memory.getHeapMemoryUsage().getUsed()) ? 1 : 0;
                accepted += exporter.record(nonHeap, now, memory.getNonHeapMemoryUsage().getUsed()) ? 1 : 0;
                accepted += exporter.record(threads, now, ManagementFactory.getThreadMXBean().getThreadCount()) ? 1 : 0;
                recorded += seriesCount;
                dropped += seriesCount - accepted;
                if (tick % 5 == 0 || tick == seconds) {
                    System.out.printf("   %2ds: %d samples recorded (%d series each second)%n", tick, recorded, seriesCount);
                }
                next += 1000;
                Thread.sleep(Math.max(0, next - System.currentTimeMillis()));
            }
            boolean flushed = exporter.flush(Duration.ofSeconds(10));
            System.out.printf("   flushed: %s, dropped by the exporter: %d%n", flushed ? "everything accepted" : "NOT all", dropped);
        }
    }

    /** Knuth's method: fine for the small rates of a demo. */
    private static long poisson(Random random, double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        long count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }

    /** From the environment: resolving the local host name could go to DNS. */
    private static String hostName() {
        return System.getenv().getOrDefault("HOSTNAME", "localhost");
    }
}
