package io.remora.agent.instrument.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Statistic;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.CountingMode;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.remora.agent.collect.MetricWriter;
import io.remora.agent.instrument.RoundWriter;
import io.remora.log.Log;
import io.remora.exporter.series.Series;
import io.remora.exporter.testing.TextExposition;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MicrometerCollectorTest {

    private final ConcurrentLinkedQueue<WeakReference<Object>> registries = new ConcurrentLinkedQueue<>();
    private final MicrometerCollector collector = new MicrometerCollector(registries::iterator);
    private final RoundWriter writer = new RoundWriter();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    /** What function meters read: Micrometer holds it weakly, the test strongly. */
    private static final AtomicLong EVICTIONS = new AtomicLong(11);
    private static final AtomicLong GETS = new AtomicLong(6);

    @AfterEach
    void restoreLog() {
        Log.setOutput(System.err);
    }

    /**
     * The oracle: what PrometheusMeterRegistry itself writes on its scrape page, for meters of every
     * kind, with names and tags that need escaping, unit suffixes and reserved suffixes.
     */
    @Test
    void everyKindOfMeterIsSentAsThePrometheusRegistryShowsItOnItsPage() {
        MockClock clock = new MockClock();
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT,
                new PrometheusRegistry(), clock);
        captured(prometheus);
        registerEveryKind(prometheus, clock);

        collector.collect(writer, 1000);

        Map<String, Double> page = TextExposition.parse(prometheus.scrape());
        assertTrue(page.size() > 40, page.toString());
        assertEquals(page, writer.latest());
        assertEquals(page.size(), writer.records, "each series written once");
    }

    /** Gauges read at the next round show their new values; meters registered later are found. */
    @Test
    void everyRoundReadsTheMetersAsTheyAreThen() {
        MockClock clock = new MockClock();
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT,
                new PrometheusRegistry(), clock);
        captured(prometheus);
        Counter counter = prometheus.counter("jobs.done");
        counter.increment();
        collector.collect(writer, 1000);
        assertEquals(1.0, writer.latest().get("jobs_done_total{}"));

        counter.increment(2);
        prometheus.counter("jobs.failed").increment();
        writer.newRound();
        collector.collect(writer, 2000);
        assertEquals(3.0, writer.latest().get("jobs_done_total{}"));
        assertEquals(1.0, writer.latest().get("jobs_failed_total{}"));
        assertEquals(TextExposition.parse(prometheus.scrape()), writer.latest());
    }

    /**
     * Metrics.globalRegistry-like: the composite forwards to two children; each series is sent once,
     * with the value the application recorded, not twice and not doubled.
     */
    @Test
    void aCompositeIsReadThroughItsChildrenAndEachSeriesIsSentOnce() {
        CompositeMeterRegistry composite = new CompositeMeterRegistry();
        SimpleMeterRegistry first = new SimpleMeterRegistry();
        SimpleMeterRegistry second = new SimpleMeterRegistry();
        composite.add(first);
        composite.add(second);
        captured(composite);
        captured(first);
        captured(second);
        composite.counter("orders.placed", "channel", "web").increment(3);
        composite.timer("orders.lookup").record(Duration.ofMillis(250));

        collector.collect(writer, 1000);

        assertEquals(Map.of(
                "orders_placed_total{channel=\"web\"}", 3.0,
                "orders_lookup_seconds_count{}", 1.0,
                "orders_lookup_seconds_sum{}", 0.25,
                "orders_lookup_seconds_max{}", 0.25), writer.latest());
        assertEquals(4, writer.records);
    }

    /** Micrometer makes a childless composite's meters no-ops: nothing of it is sent. */
    @Test
    void aCompositeWithoutChildrenIsNotRead() {
        CompositeMeterRegistry composite = new CompositeMeterRegistry();
        captured(composite);
        composite.counter("orders.placed").increment();
        composite.gauge("queue.size", new AtomicLong(4));

        collector.collect(writer, 1000);

        assertEquals(Map.of(), writer.latest());
    }

    /** The application's own scrape page shows the Prometheus registry's values: those are the ones sent. */
    @Test
    void aMeterInSeveralRegistriesIsSentFromThePrometheusOne() {
        SimpleMeterRegistry simple = new SimpleMeterRegistry();
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        captured(simple);
        captured(prometheus);
        simple.counter("events").increment(7);
        prometheus.counter("events").increment(2);
        simple.counter("only.simple").increment();

        collector.collect(writer, 1000);

        assertEquals(Map.of("events_total{}", 2.0, "only_simple_total{}", 1.0), writer.latest());
    }

    /**
     * The same name and labels as a series Remora writes itself (its collectors run first in a
     * round): written once in that round, Remora's value, so the receiver never gets two values at
     * one time, and yielded to the application for the rounds after (StaleSeriesTest has those).
     */
    @Test
    void aSeriesRemoraAlreadyWroteInTheRoundIsNotWrittenAgain() {
        SimpleMeterRegistry simple = new SimpleMeterRegistry();
        captured(simple);
        TimeGauge.builder("process.start.time", () -> 1_700_000_000_000L, TimeUnit.MILLISECONDS).register(simple);
        simple.gauge("jvm.threads.peak", 42);
        Series remoras = writer.series("process_start_time_seconds");
        writer.record(remoras, 1000, 1.7e9 + 0.5);

        collector.collect(writer, 1000);

        assertEquals(Map.of("process_start_time_seconds{}", 1.7e9 + 0.5, "jvm_threads_peak{}", 42.0),
                writer.latest());
        assertEquals(2, writer.records);
        assertEquals(Set.of(remoras), writer.yielded);
    }

    /**
     * A meter whose reading throws (Micrometer's own gauges catch what their function throws and
     * read NaN, so a custom meter here) is left out, said once; every other meter is read on.
     */
    @Test
    void aMeterThatThrowsIsLeftOutAloneAndReportedOnce() {
        Log.setOutput(new PrintStream(log, true, StandardCharsets.UTF_8));
        SimpleMeterRegistry simple = new SimpleMeterRegistry();
        captured(simple);
        AtomicLong calls = new AtomicLong();
        java.util.function.DoubleSupplier failing = () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("no value");
        };
        Meter.builder("broken", Meter.Type.OTHER, List.of(new Measurement(failing, Statistic.VALUE))).register(simple);
        simple.counter("fine").increment();
        simple.gauge("also.fine", 5);

        collector.collect(writer, 1000);
        writer.newRound();
        collector.collect(writer, 2000);

        assertEquals(Map.of("fine_total{}", 1.0, "also_fine{}", 5.0), writer.latest());
        assertEquals(2, writer.records, "the others read again in the second round");
        assertEquals(1, calls.get(), "read once, then left out");
        String said = log.toString(StandardCharsets.UTF_8);
        assertEquals(1, said.split("broken", -1).length - 1, said);
        assertTrue(said.contains("no value"), said);
    }

    /** A gauge whose function throws reads NaN in Micrometer itself, and is sent so, as the page shows it. */
    @Test
    void aGaugeWhoseFunctionThrowsIsSentAsNaN() {
        SimpleMeterRegistry simple = new SimpleMeterRegistry();
        captured(simple);
        Gauge.builder("flaky", () -> {
            throw new IllegalStateException("no value");
        }).register(simple);

        collector.collect(writer, 1000);

        assertTrue(Double.isNaN(writer.latest().get("flaky{}")), writer.latest().toString());
    }

    /** Step meters count one step: sent as counters they would fall. Gauges of the same registry are sent. */
    @Test
    void theMetersOfAStepRegistryAreLeftOutButItsGauges() {
        SimpleMeterRegistry step = new SimpleMeterRegistry(new SimpleConfig() {
            @Override
            public String get(String key) {
                return null;
            }

            @Override
            public CountingMode mode() {
                return CountingMode.STEP;
            }
        }, new MockClock());
        captured(step);
        step.counter("requests").increment(5);
        step.timer("handling").record(Duration.ofMillis(3));
        step.gauge("connections", 3);

        collector.collect(writer, 1000);

        assertEquals(Map.of("connections{}", 3.0), writer.latest());
    }

    /**
     * A SimpleMeterRegistry's histogram decays with its time window, so its buckets are no
     * counters: the timer is sent with its count, sum and max only. The registry shows the buckets
     * itself as gauges, {@code <name>.histogram{le}}, which are sent as the gauges they are.
     */
    @Test
    void aTimeWindowHistogramIsSentWithoutBuckets() {
        SimpleMeterRegistry simple = new SimpleMeterRegistry();
        captured(simple);
        Timer.builder("checkout").serviceLevelObjectives(Duration.ofMillis(100), Duration.ofSeconds(1))
                .register(simple).record(Duration.ofMillis(40));

        collector.collect(writer, 1000);

        assertEquals(Map.of("checkout_seconds_count{}", 1.0, "checkout_seconds_sum{}", 0.04,
                "checkout_seconds_max{}", 0.04, "checkout_histogram{le=\"0.1\"}", 1.0,
                "checkout_histogram{le=\"1\"}", 1.0), writer.latest());
    }

    @Test
    void aRegistryThatWasCollectedIsForgotten() {
        registries.add(new WeakReference<>(null));
        SimpleMeterRegistry simple = new SimpleMeterRegistry();
        captured(simple);
        simple.counter("kept").increment();

        collector.collect(writer, 1000);

        assertEquals(1, registries.size());
        assertEquals(Map.of("kept_total{}", 1.0), writer.latest());
    }

    /** A closed registry (its application context is gone) is not read: its series go stale. */
    @Test
    void aClosedRegistryIsNotRead() {
        SimpleMeterRegistry simple = new SimpleMeterRegistry();
        captured(simple);
        simple.counter("gone").increment();
        simple.close();

        collector.collect(writer, 1000);

        assertEquals(Map.of(), writer.latest());
    }

    private void captured(MeterRegistry registry) {
        registries.add(new WeakReference<>(registry));
    }

    /** Meters of every kind Micrometer has, with names that exercise each naming rule. */
    private static void registerEveryKind(MeterRegistry registry, MockClock clock) {
        registry.counter("orders.placed", "channel", "web", "http.method", "POST").increment(3);
        registry.counter("orders.placed", "channel", "mobile", "http.method", "POST").increment();
        Counter.builder("jobs.total").baseUnit("jobs").register(registry).increment(2);
        Counter.builder("empty.tag").tag("region", "").register(registry).increment();
        FunctionCounter.builder("cache.evictions", EVICTIONS, AtomicLong::doubleValue)
                .tag("cache", "users").register(registry);
        Gauge.builder("queue-size", () -> 4).tag("__queue", "inbound").register(registry);
        Gauge.builder("heap.used", () -> 1024.5).baseUnit("bytes").register(registry);
        Gauge.builder("app.info", () -> 0).tag("version", "1.2.3").register(registry);
        TimeGauge.builder("uptime", () -> 1500, TimeUnit.MILLISECONDS).register(registry);
        Timer plain = registry.timer("http.server.requests", "uri", "/orders/{id}", "status", "200");
        plain.record(Duration.ofMillis(120));
        plain.record(Duration.ofMillis(80));
        Timer percentiles = Timer.builder("lookup").publishPercentiles(0.5, 0.95).register(registry);
        for (int i = 1; i <= 20; i++) {
            percentiles.record(Duration.ofMillis(i * 5L));
        }
        Timer histogram = Timer.builder("create").serviceLevelObjectives(Duration.ofMillis(50), Duration.ofMillis(500))
                .register(registry);
        histogram.record(Duration.ofMillis(20));
        histogram.record(Duration.ofMillis(200));
        histogram.record(Duration.ofSeconds(2));
        DistributionSummary.builder("order.quantity").baseUnit("items").serviceLevelObjectives(1, 2, 5)
                .register(registry).record(3);
        DistributionSummary sizes = DistributionSummary.builder("payload").baseUnit("bytes")
                .publishPercentiles(0.5).register(registry);
        sizes.record(100);
        sizes.record(300);
        LongTaskTimer running = LongTaskTimer.builder("reports.active").tag("kind", "daily").register(registry);
        running.start();
        LongTaskTimer withBuckets = LongTaskTimer.builder("exports")
                .serviceLevelObjectives(Duration.ofSeconds(1), Duration.ofMinutes(1)).register(registry);
        withBuckets.start();
        clock.add(Duration.ofSeconds(5));
        withBuckets.start();
        FunctionTimer.builder("cache.gets", GETS, AtomicLong::get, c -> 1500.0, TimeUnit.MILLISECONDS)
                .register(registry);
        java.util.function.DoubleSupplier count = () -> 12.0;
        java.util.function.DoubleSupplier total = () -> 3.5;
        java.util.function.DoubleSupplier value = () -> 7.0;
        java.util.function.DoubleSupplier max = () -> 1.25;
        List<Measurement> measurements = Arrays.asList(new Measurement(count, Statistic.COUNT),
                new Measurement(total, Statistic.TOTAL), new Measurement(value, Statistic.VALUE),
                new Measurement(max, Statistic.MAX));
        Meter.builder("custom.thing", Meter.Type.OTHER, measurements).register(registry);
    }
}
