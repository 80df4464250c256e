package io.remora.benchmarks;

import io.remora.exporter.series.Label;
import io.remora.exporter.series.Series;
import io.remora.exporter.series.SeriesRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Series shaped like a service's real ones: a few dozen metric names, 6 to 10 labels each counting
 * {@code __name__}, {@code job} and {@code instance}, values 10 to 40 bytes long.
 */
final class RealisticSeries {

    private static final String[] METRICS = {
        "http_server_request_duration_seconds_bucket", "http_server_request_duration_seconds_count",
        "http_client_request_duration_seconds_bucket", "db_client_operation_duration_seconds_sum",
        "jvm_memory_pool_used_bytes", "jvm_gc_collection_seconds_count", "executor_queued_tasks",
        "process_cpu_seconds_total", "kafka_consumer_records_lag", "cache_gets_total",
    };
    private static final String[] LABEL_NAMES = {
        "http_request_method", "http_route", "http_response_status_code", "url_scheme", "server_address",
        "pool", "region", "availability_zone", "tenant", "pod", "container", "topic",
    };
    private static final String[] WORDS = {
        "checkout", "orders", "payments", "inventory", "eu-west-1", "us-east-2", "frontend", "api", "v1",
        "customers", "search", "G1 Old Gen", "GET", "POST", "prod", "replica", "/api/v1/orders/{id}",
    };

    private RealisticSeries() {
    }

    static SeriesRegistry registry() {
        return new SeriesRegistry(Map.of("job", "checkout-service", "instance", "10.42.17.203:8080"));
    }

    /** Registers {@code count} distinct series, the same ones for the same seed. */
    static Series[] register(SeriesRegistry registry, int count, long seed) {
        Random random = new Random(seed);
        Series[] series = new Series[count];
        for (int i = 0; i < count; i++) {
            // __name__, job and instance make 3; add 3 to 7 more, the last one unique per series
            int extra = 3 + random.nextInt(5);
            List<Label> labels = new ArrayList<>(extra);
            int first = random.nextInt(LABEL_NAMES.length);
            for (int l = 0; l < extra - 1; l++) {
                labels.add(new Label(LABEL_NAMES[(first + l) % LABEL_NAMES.length], value(random, "")));
            }
            labels.add(new Label("series_key", value(random, "-" + i)));
            series[i] = registry.register(METRICS[random.nextInt(METRICS.length)], labels);
        }
        return series;
    }

    /** A value of 10 to 40 bytes made of words, ending in {@code suffix}. */
    private static String value(Random random, String suffix) {
        int length = 10 + random.nextInt(31);
        StringBuilder value = new StringBuilder();
        while (value.length() < length) {
            value.append(WORDS[random.nextInt(WORDS.length)]).append('-');
        }
        value.setLength(length - suffix.length());
        return value.append(suffix).toString();
    }
}
