package io.remora.benchmarks;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProviderBuilder;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.metrics.internal.SdkMeterProviderUtil;
import io.opentelemetry.sdk.metrics.internal.exemplar.ExemplarFilter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.remora.bootstrap.meter.BucketBounds;
import io.remora.bootstrap.meter.Histogram;
import io.remora.bootstrap.meter.HistogramFamily;
import io.remora.bootstrap.meter.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Recording one request duration into a histogram with the buckets of
 * {@code http_server_request_duration_seconds}: Remora against Prometheus client_java (classic
 * buckets only), Micrometer's Timer (SimpleMeterRegistry, the same buckets as service level
 * objectives, no percentile histogram) and the OpenTelemetry SDK (explicit bucket boundaries), in the
 * same run. Exemplars are off in the peers that have them, as Remora has none. Run with {@code -t 1},
 * {@code -t 2}, {@code -t 4}: all threads record into the same meters.
 *
 * <p>{@code *_record}: one series, found beforehand (OpenTelemetry: its one attribute set prebuilt).
 * {@code *_labelled}: what instrumentation does per request, from five label values to a recorded
 * duration: Remora's {@code labels(...)}, client_java's {@code labelValues(...)}, Micrometer's
 * {@code MeterProvider.withTags(...)} (the builder made once, the meter looked up per call: its
 * recommended way for dynamic tags), OpenTelemetry's {@code Attributes.of(...)} built per call, as
 * its instrumentations do. Durations and label sets are the same pseudo-random sequence for all.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HistogramBenchmark {

    private static final String NAME = "http_server_request_duration_seconds";
    private static final String[] LABELS = {
        "http_request_method", "http_response_status_code", "http_route", "url_scheme", "error_type"};
    private static final double[] BOUNDS =
            {0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10};

    private Histogram remora;
    private HistogramFamily remoraFamily;
    private io.prometheus.metrics.core.metrics.Histogram prometheus;
    private io.prometheus.metrics.core.metrics.Histogram prometheusLabelled;
    private Timer micrometer;
    private Meter.MeterProvider<Timer> micrometerLabelled;
    private SdkMeterProvider otelProvider;
    private DoubleHistogram otel;
    private Attributes otelAttributes;
    private DoubleHistogram otelLabelled;
    private final List<AttributeKey<String>> otelKeys = new ArrayList<>();

    @Setup
    public void setUp() {
        BucketBounds bounds = BucketBounds.ofSeconds(BOUNDS);
        remora = new Histogram(bounds);
        remoraFamily = new MeterRegistry().histogram(NAME, bounds, 2000, LABELS);

        PrometheusRegistry prometheusRegistry = new PrometheusRegistry();
        prometheus = io.prometheus.metrics.core.metrics.Histogram.builder()
                .name("single_" + NAME).help("duration").classicUpperBounds(BOUNDS).classicOnly()
                .withoutExemplars().register(prometheusRegistry);
        prometheusLabelled = io.prometheus.metrics.core.metrics.Histogram.builder()
                .name(NAME).help("duration").labelNames(LABELS).classicUpperBounds(BOUNDS).classicOnly()
                .withoutExemplars().register(prometheusRegistry);

        SimpleMeterRegistry micrometerRegistry = new SimpleMeterRegistry();
        Duration[] slos = new Duration[BOUNDS.length];
        for (int i = 0; i < BOUNDS.length; i++) {
            slos[i] = Duration.ofNanos(Math.round(BOUNDS[i] * 1e9));
        }
        micrometer = Timer.builder("single.http.server.request.duration").serviceLevelObjectives(slos)
                .publishPercentileHistogram(false).register(micrometerRegistry);
        micrometerLabelled = Timer.builder("http.server.request.duration").serviceLevelObjectives(slos)
                .publishPercentileHistogram(false).withRegistry(micrometerRegistry);

        SdkMeterProviderBuilder otelBuilder = SdkMeterProvider.builder().registerMetricReader(new IdleReader());
        SdkMeterProviderUtil.setExemplarFilter(otelBuilder, ExemplarFilter.alwaysOff());
        otelProvider = otelBuilder.build();
        io.opentelemetry.api.metrics.Meter otelMeter = otelProvider.get("remora-benchmark");
        List<Double> boundaries = new ArrayList<>();
        for (double bound : BOUNDS) {
            boundaries.add(bound);
        }
        otel = otelMeter.histogramBuilder("single.http.server.request.duration").setUnit("s")
                .setExplicitBucketBoundariesAdvice(boundaries).build();
        otelLabelled = otelMeter.histogramBuilder("http.server.request.duration").setUnit("s")
                .setExplicitBucketBoundariesAdvice(boundaries).build();
        for (String label : LABELS) {
            otelKeys.add(AttributeKey.stringKey(label));
        }
        otelAttributes = Attributes.of(otelKeys.get(0), "GET", otelKeys.get(1), "200", otelKeys.get(2), "/users");
    }

    @TearDown
    public void tearDown() {
        otelProvider.close();
    }

    /** A thread's pseudo-random durations and label sets, the same sequence for every meter. */
    @State(Scope.Thread)
    public static class Requests {
        private static final int SIZE = 1024; // a power of two
        private static final String[] METHODS = {"GET", "GET", "GET", "POST", "PUT", "DELETE"};
        private static final String[] STATUSES = {"200", "200", "200", "201", "404", "500"};
        private static final String[] ROUTES = {"/users", "/users/{id}", "/orders", "/orders/{id}", "/health"};
        private static final String[] SCHEMES = {"http", "https"};

        final long[] nanos = new long[SIZE];
        final double[] seconds = new double[SIZE];
        final String[][] labelValues = new String[SIZE][];
        private int next;

        @Setup
        public void setUp() {
            SplittableRandom random = new SplittableRandom(Thread.currentThread().getId());
            for (int i = 0; i < SIZE; i++) {
                // log-uniform from 100 us to 20 s: every bucket gets some
                nanos[i] = (long) (1e5 * Math.pow(2e5, random.nextDouble()));
                seconds[i] = nanos[i] / 1e9;
                String status = STATUSES[random.nextInt(STATUSES.length)];
                labelValues[i] = new String[] {
                    METHODS[random.nextInt(METHODS.length)],
                    status,
                    ROUTES[random.nextInt(ROUTES.length)],
                    SCHEMES[random.nextInt(SCHEMES.length)],
                    status.equals("500") ? "java.io.IOException" : "",
                };
            }
        }

        int next() {
            return next++ & (SIZE - 1);
        }
    }

    @Benchmark
    public void remora_record(Requests r) {
        remora.record(r.nanos[r.next()]);
    }

    @Benchmark
    public void prometheus_record(Requests r) {
        prometheus.observe(r.seconds[r.next()]);
    }

    @Benchmark
    public void micrometer_record(Requests r) {
        micrometer.record(r.nanos[r.next()], TimeUnit.NANOSECONDS);
    }

    @Benchmark
    public void otel_record(Requests r) {
        otel.record(r.seconds[r.next()], otelAttributes);
    }

    @Benchmark
    public void remora_labelled(Requests r) {
        int i = r.next();
        String[] v = r.labelValues[i];
        remoraFamily.labels(v[0], v[1], v[2], v[3], v[4]).record(r.nanos[i]);
    }

    @Benchmark
    public void prometheus_labelled(Requests r) {
        int i = r.next();
        String[] v = r.labelValues[i];
        prometheusLabelled.labelValues(v[0], v[1], v[2], v[3], v[4]).observe(r.seconds[i]);
    }

    @Benchmark
    public void micrometer_labelled(Requests r) {
        int i = r.next();
        String[] v = r.labelValues[i];
        micrometerLabelled.withTags(LABELS[0], v[0], LABELS[1], v[1], LABELS[2], v[2], LABELS[3], v[3], LABELS[4], v[4])
                .record(r.nanos[i], TimeUnit.NANOSECONDS);
    }

    @Benchmark
    public void otel_labelled(Requests r) {
        int i = r.next();
        String[] v = r.labelValues[i];
        List<AttributeKey<String>> k = otelKeys;
        otelLabelled.record(r.seconds[i],
                Attributes.of(k.get(0), v[0], k.get(1), v[1], k.get(2), v[2], k.get(3), v[3], k.get(4), v[4]));
    }

    /** The SDK records only while a reader is registered; this one never collects. */
    private static final class IdleReader implements MetricReader {
        @Override
        public void register(CollectionRegistration registration) {}

        @Override
        public CompletableResultCode forceFlush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
            return AggregationTemporality.CUMULATIVE;
        }
    }
}
