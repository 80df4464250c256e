package io.remora.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.exporter.ring.SampleValues;
import io.remora.exporter.selfmetrics.DropReason;
import io.remora.exporter.selfmetrics.EndpointMetrics;
import io.remora.exporter.send.EndpointConfig;
import io.remora.exporter.series.Series;
import io.remora.exporter.testing.RemoteWriteReceiver;
import io.remora.exporter.testing.ScriptedResponse;
import io.remora.log.Log;
import io.remora.proto.Types;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExporterTest {

    private static final Duration FLUSH = Duration.ofSeconds(30);
    private final RemoteWriteReceiver receiver = RemoteWriteReceiver.start();
    private final long now = System.currentTimeMillis();

    @AfterEach
    void stopReceiver() {
        receiver.close();
        Log.setOutput(System.err);
    }

    @Test
    void recordedSamplesArriveWithExternalLabels() {
        try (Exporter exporter = Exporter.start(config().externalLabels(Map.of("job", "shop")).build())) {
            Series requests = exporter.series("http_requests_total", "method", "GET");
            Series temperature = exporter.series("temperature_celsius");
            exporter.record(requests, now, 1);
            exporter.record(requests, now + 1000, 3);
            exporter.record(temperature, now, -21.5);
            assertTrue(exporter.flush(FLUSH));
        }
        assertEquals(List.of(sample(1, now), sample(3, now + 1000)),
                receiver.samples("http_requests_total{job=\"shop\",method=\"GET\"}"));
        assertEquals(List.of(sample(-21.5, now)), receiver.samples("temperature_celsius{job=\"shop\"}"));
        assertEquals(List.of(), receiver.violations());
    }

    @Test
    void thousandSeriesStayInOrderWhileTheReceiverAnswersAfterRandomDelays() {
        Random random = new Random(7);
        for (int i = 0; i < 12; i++) {
            receiver.enqueue(ScriptedResponse.ok().delayedBy(Duration.ofMillis(random.nextInt(2000))));
        }
        int rounds = 10;
        try (Exporter exporter = Exporter.start(config().batchMaxSamples(1000).build())) {
            List<Series> series = new ArrayList<>();
            for (int s = 0; s < 1000; s++) {
                series.add(exporter.series("orders_total", "shop", "shop-" + s));
            }
            for (int round = 0; round < rounds; round++) {
                for (Series one : series) {
                    exporter.record(one, now + round * 1000L, one.id() * 100.0 + round);
                }
            }
            assertTrue(exporter.flush(FLUSH));
            for (Series one : series) {
                List<Types.Sample> expected = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    expected.add(sample(one.id() * 100.0 + round, now + round * 1000L));
                }
                assertEquals(expected, receiver.samples(one.toString()), one.toString());
            }
            assertEquals(1000L * rounds, exporter.selfMetrics().endpoints().get(0).samplesSent());
        }
        assertEquals(List.of(), receiver.violations());
    }

    @Test
    void staleMarkerArrivesBitExactAndOrdinaryNaNDoesNot() {
        try (Exporter exporter = Exporter.start(config().build())) {
            Series gone = exporter.series("queue_depth");
            exporter.record(gone, now, Double.longBitsToDouble(SampleValues.STALE_NAN_BITS));
            exporter.markStale(gone, now + 1000);
            assertTrue(exporter.flush(FLUSH));
        }
        List<Types.Sample> samples = receiver.samples("queue_depth{}");
        assertEquals(2, samples.size());
        assertEquals(Double.doubleToLongBits(Double.NaN), Double.doubleToRawLongBits(samples.get(0).getValue()));
        assertEquals(SampleValues.STALE_NAN_BITS, Double.doubleToRawLongBits(samples.get(1).getValue()));
    }

    @Test
    void closeMarksEverySeriesWrittenStaleJustAfterItsNewestSampleWhenAsked() {
        try (Exporter exporter = Exporter.start(config().staleAtClose(true).build())) {
            exporter.record(exporter.series("jvm_threads_current"), now, 12);
            exporter.record(exporter.series("queue_depth"), now + 60_000, 3); // newer than the clock
            Series gone = exporter.series("pool_size");
            exporter.record(gone, now, 4);
            exporter.markStale(gone, now + 1);
        }
        List<Types.Sample> threads = receiver.samples("jvm_threads_current{}");
        assertEquals(2, threads.size(), threads.toString());
        assertEquals(SampleValues.STALE_NAN_BITS, Double.doubleToRawLongBits(threads.get(1).getValue()));
        assertTrue(threads.get(1).getTimestamp() > now, threads.toString());
        assertEquals(sample(3, now + 60_000), receiver.samples("queue_depth{}").get(0));
        assertEquals(now + 60_001, receiver.samples("queue_depth{}").get(1).getTimestamp(), "just after its newest");
        assertEquals(2, receiver.samples("pool_size{}").size(), "marked stale once, not again at close");
        List<Types.Sample> sent = receiver.samples("remora_samples_sent_total{endpoint=\"" + receiver.url() + "\"}");
        assertTrue(sent.size() >= 2, "the exporter's own series go stale too: " + receiver.samples().keySet());
        assertEquals(SampleValues.STALE_NAN_BITS, Double.doubleToRawLongBits(sent.get(sent.size() - 1).getValue()));
        assertEquals(List.of(), receiver.violations());
    }

    @Test
    void noSampleFollowsAStalenessMarkerEvenWithSelfMetricsReportedEveryMillisecond() {
        for (int run = 0; run < 20; run++) {
            try (Exporter exporter = Exporter.start(
                    config().staleAtClose(true).selfMetricsInterval(Duration.ofMillis(1)).build())) {
                exporter.record(exporter.series("jvm_threads_current", "run", Integer.toString(run)), now, 12);
            }
        }
        receiver.samples().forEach((series, samples) -> assertEquals(SampleValues.STALE_NAN_BITS,
                Double.doubleToRawLongBits(samples.get(samples.size() - 1).getValue()), series + " " + samples));
        assertEquals(List.of(), receiver.violations());
    }

    @Test
    void closeLeavesTheSeriesAloneByDefault() {
        try (Exporter exporter = Exporter.start(config().build())) {
            exporter.record(exporter.series("jvm_threads_current"), now, 12);
        }
        assertEquals(List.of(sample(12, now)), receiver.samples("jvm_threads_current{}"));
    }

    @Test
    void samplesNotNewerThanWhatWasSentAreDroppedAndCounted() {
        try (Exporter exporter = Exporter.start(config().build())) {
            Series series = exporter.series("jobs_done_total");
            exporter.record(series, now + 2000, 2);
            assertTrue(exporter.flush(FLUSH));
            exporter.record(series, now + 1000, 1);
            exporter.record(series, now + 2000, 2);
            exporter.record(series, now + 3000, 3);
            assertTrue(exporter.flush(FLUSH));
            assertEquals(2, exporter.selfMetrics().dropped(DropReason.OUT_OF_ORDER));
        }
        assertEquals(List.of(sample(2, now + 2000), sample(3, now + 3000)), receiver.samples("jobs_done_total{}"));
        assertEquals(List.of(), receiver.violations());
    }

    @Test
    void everySampleIsEitherDeliveredOrCountedWhenTheRingOverflows() {
        int recorded = 50_000;
        long delivered;
        long dropped;
        try (Exporter exporter = Exporter.start(config().shards(1).samplesPerShard(2).build())) {
            Series series = exporter.series("busy_total");
            for (int i = 0; i < recorded; i++) {
                exporter.record(series, now + i, i);
            }
            assertTrue(exporter.flush(FLUSH));
            dropped = exporter.selfMetrics().dropped(DropReason.RING_FULL);
        }
        delivered = receiver.samples("busy_total{}").size();
        assertEquals(recorded, delivered + dropped);
        assertTrue(dropped > 0, "a two-slot ring cannot keep up with 50,000 samples in a loop");
    }

    @Test
    void selfMetricsTravelTheSamePath() throws Exception {
        try (Exporter exporter = Exporter.start(config().selfMetricsInterval(Duration.ofMillis(100)).build())) {
            Series series = exporter.series("work_total");
            exporter.record(series, now, 1);
            assertTrue(exporter.flush(FLUSH));
            Thread.sleep(300);
            assertTrue(exporter.flush(FLUSH));
        }
        String sent = "remora_samples_sent_total{endpoint=\"" + endpointLabel() + "\"}";
        List<Types.Sample> reports = receiver.samples(sent);
        assertTrue(!reports.isEmpty(), () -> "no " + sent + " among " + receiver.samples().keySet());
        assertTrue(reports.get(reports.size() - 1).getValue() >= 1);
        assertTrue(receiver.samples().containsKey("remora_samples_dropped_total{reason=\"ring_full\"}"));
        assertTrue(receiver.samples().containsKey(
                "remora_send_duration_seconds_bucket{endpoint=\"" + endpointLabel() + "\",le=\"+Inf\"}"));
    }

    @Test
    void closeSendsALastSelfMetricsReportThatCountsTheFinalFlush() {
        Exporter exporter = Exporter.start(config().selfMetricsInterval(Duration.ofHours(1)).build());
        exporter.record(exporter.series("last_total"), now, 1);
        exporter.close();
        List<Types.Sample> sent = receiver.samples("remora_samples_sent_total{endpoint=\"" + endpointLabel() + "\"}");
        assertEquals(1, sent.size(), () -> "one report at close, got " + sent);
        assertEquals(1, sent.get(0).getValue());
    }

    @Test
    void whatACollectorRecordsWhileCloseRunsIsEitherSentOrRefusedNeverLeftBehind() throws Exception {
        Exporter exporter = Exporter.start(config().build());
        Series series = exporter.series("busy_total");
        AtomicLong accepted = new AtomicLong();
        Thread collector = new Thread(() -> {
            for (long ts = now; ts < now + 10_000_000; ts++) {
                if (exporter.record(series, ts, ts)) {
                    accepted.incrementAndGet();
                } else if (exporter.selfMetrics().dropped(DropReason.AFTER_CLOSE) > 0) {
                    return;
                }
            }
        });
        collector.start();
        while (accepted.get() < 1000) {
            Thread.onSpinWait();
        }
        exporter.close();
        collector.join();
        EndpointMetrics endpoint = exporter.selfMetrics().endpoints().get(0);
        assertEquals(0, endpoint.samplesDropped(DropReason.SHUTDOWN));
        assertEquals(accepted.get(), receiver.samples("busy_total{}").size());
    }

    @Test
    void closeSendsWhatIsStillInMemory() {
        Exporter exporter = Exporter.start(config().batchMaxDelay(Duration.ofHours(1)).build());
        Series series = exporter.series("pending_total");
        exporter.record(series, now, 42);
        exporter.close();
        assertEquals(List.of(sample(42, now)), receiver.samples("pending_total{}"));
        assertTrue(!exporter.record(series, now + 1, 43));
        assertEquals(1, exporter.selfMetrics().dropped(DropReason.AFTER_CLOSE));
    }

    @Test
    void closeGivesUpAnEndpointThatIsDownInsteadOfRetryingUntilTheShutdownTimeout() {
        receiver.stopListening();
        Log.setOutput(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        Duration patience = Duration.ofMinutes(10);
        Exporter exporter = Exporter.start(ExporterConfig.builder()
                .endpoint(EndpointConfig.builder(receiver.url()).minBackoff(patience).maxBackoff(patience).build())
                .batchMaxDelay(Duration.ofMillis(1))
                .selfMetricsInterval(Duration.ofHours(1))
                .shutdownTimeout(patience)
                .build());
        Series series = exporter.series("unsent_total");
        exporter.record(series, now, 1);
        EndpointMetrics endpoint = exporter.selfMetrics().endpoints().get(0);
        awaitRetried(endpoint, 1);

        // a retry waits 10 minutes and the shutdown timeout allows 10: close must not use either
        exporter.record(series, now + 1, 2);
        assertTimeoutPreemptively(Duration.ofSeconds(60), exporter::close);
        // the two samples, and the one self-metrics report close makes: a sample per remora_* series
        int selfMetricSeries = exporter.registry().size() - 1;
        assertEquals(2 + selfMetricSeries, endpoint.samplesDropped(DropReason.SHUTDOWN));
        assertEquals(0, endpoint.samplesSent());
    }

    private static void awaitRetried(EndpointMetrics endpoint, long samples) {
        long deadline = System.nanoTime() + FLUSH.toNanos();
        while (endpoint.samplesRetried() < samples && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(endpoint.samplesRetried() >= samples, "the first attempt failed and waits to be retried");
    }

    @Test
    void samplesSpooledByAnExporterClosedDuringAnOutageArriveThroughTheNextOne(@TempDir Path spool) throws Exception {
        Log.setOutput(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        receiver.stopListening();
        Exporter first = Exporter.start(config().spool(spool, 64 << 20, Duration.ofHours(1))
                .shutdownTimeout(Duration.ofMillis(200)).build());
        Series series = first.series("orders_total");
        List<Types.Sample> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            first.record(series, now + i * 1000L, i);
            expected.add(sample(i, now + i * 1000L));
        }
        assertFalse(first.flush(Duration.ofMillis(300)), "the endpoint is down");
        first.close();
        List<Path> endpointDirs;
        try (Stream<Path> dirs = Files.list(spool)) {
            endpointDirs = dirs.collect(Collectors.toList());
        }
        assertEquals(1, endpointDirs.size(), endpointDirs.toString());
        assertTrue(endpointDirs.get(0).getFileName().toString().startsWith("http_127.0.0.1_"), endpointDirs.toString());

        receiver.resumeListening();
        try (Exporter second = Exporter.start(config().spool(spool, 64 << 20, Duration.ofHours(1)).build())) {
            assertTrue(second.flush(FLUSH), "the spool is replayed");
        }
        assertEquals(expected, receiver.samples("orders_total{}"));
        assertEquals(List.of(), receiver.violations());
    }

    @Test
    void anEndpointWithAnUnreadableSecretIsLeftOutAndTheOthersWork() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Log.setOutput(new PrintStream(log, true, StandardCharsets.UTF_8));
        EndpointConfig broken = EndpointConfig.builder(receiver.url())
                .bearerTokenFile(Path.of("/nonexistent/remora-token")).build();
        try (Exporter exporter = Exporter.start(config().endpoint(broken).build())) {
            exporter.record(exporter.series("up"), now, 1);
            assertTrue(exporter.flush(FLUSH));
            assertEquals(1, exporter.selfMetrics().endpoints().stream().filter(e -> e.samplesSent() > 0).count());
        }
        assertEquals(List.of(sample(1, now)), receiver.samples("up{}"));
        String logged = log.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("endpoint disabled") && logged.contains("/nonexistent/remora-token"), logged);
    }

    @Test
    void refusesToStartWithoutAUsableEndpoint() {
        EndpointConfig broken = EndpointConfig.builder(receiver.url())
                .bearerTokenFile(Path.of("/nonexistent/remora-token")).build();
        Log.setOutput(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        ExporterConfig config = ExporterConfig.builder().endpoint(broken).build();
        assertThrows(IllegalArgumentException.class, () -> Exporter.start(config));
    }

    private ExporterConfig.Builder config() {
        return ExporterConfig.builder()
                .endpoint(EndpointConfig.builder(receiver.url()).minBackoff(Duration.ofMillis(10))
                        .maxBackoff(Duration.ofMillis(200)).build())
                .batchMaxDelay(Duration.ofMillis(50));
    }

    private String endpointLabel() {
        return EndpointConfig.builder(receiver.url()).build().endpointLabel();
    }

    private static Types.Sample sample(double value, long timestampMs) {
        return Types.Sample.newBuilder().setValue(value).setTimestamp(timestampMs).build();
    }
}
