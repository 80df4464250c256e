package io.remora.exporter.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.remora.exporter.ring.RingShards;
import io.remora.exporter.selfmetrics.DropReason;
import io.remora.exporter.selfmetrics.SelfMetrics;
import io.remora.exporter.series.SampleRecorder;
import io.remora.exporter.series.Series;
import io.remora.exporter.series.SeriesRegistry;
import io.remora.exporter.spool.SpoolSettings;
import io.remora.exporter.testing.RemoteWriteReceiver;
import io.remora.exporter.testing.ScriptedResponse;
import io.remora.exporter.testing.SelfMetricsReport;
import io.remora.log.Log;
import io.remora.proto.Types;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointSenderSpoolTest {

    private static final Duration IDLE = Duration.ofSeconds(20);
    private static final Duration MAX_AGE = Duration.ofHours(1);
    private static final int SAMPLES = 5;
    private static final String KEY = TestRequests.key("up");

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final SelfMetrics selfMetrics = new SelfMetrics();
    /** A minute ago: request n's samples follow, one a second. */
    private final long base = System.currentTimeMillis() - 60_000;
    private RemoteWriteReceiver receiver;

    @BeforeEach
    void start() {
        Log.setOutput(new PrintStream(logged, true, StandardCharsets.UTF_8));
        receiver = RemoteWriteReceiver.start();
        toClose.add(receiver);
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        Log.setOutput(System.err);
    }

    private EndpointConfig.Builder config() {
        return EndpointConfig.builder(receiver.url()).minBackoff(Duration.ofMillis(10)).maxBackoff(Duration.ofMillis(100));
    }

    private Path spoolDir() {
        return tmp.resolve("spool");
    }

    private SpoolSettings spool(Duration maxAge) {
        return new SpoolSettings(spoolDir(), 64 << 20, maxAge).withSegmentBytes(4096);
    }

    private EndpointSender sender(EndpointConfig config, SpoolSettings spool) {
        EndpointSender sender =
                new EndpointSender(config, selfMetrics.endpoint(config.endpointLabel()), spool, new Random(7));
        toClose.add(sender);
        return sender;
    }

    private long firstTimestamp(int n) {
        return base + (long) n * SAMPLES * 1000;
    }

    /** Request n: {@link #SAMPLES} samples of up{job="test"}, one a second, after request n-1's. */
    private boolean submit(EndpointSender sender, int n) {
        long[] timestamps = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            timestamps[i] = firstTimestamp(n) + i * 1000L;
        }
        return sender.submit(TestRequests.compressed(TestRequests.series("up", timestamps)), SAMPLES,
                timestamps[0], timestamps[SAMPLES - 1]);
    }

    private List<Long> expected(int from, int to) {
        List<Long> timestamps = new ArrayList<>();
        for (long ts = firstTimestamp(from); ts < firstTimestamp(to); ts += 1000) {
            timestamps.add(ts);
        }
        return timestamps;
    }

    private List<Long> received() {
        return receiver.samples(KEY).stream().map(Types.Sample::getTimestamp).collect(Collectors.toList());
    }

    private List<Path> segments() throws IOException {
        if (!Files.isDirectory(spoolDir())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(spoolDir())) {
            return files.filter(f -> f.toString().endsWith(".seg")).collect(Collectors.toList());
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + IDLE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    /** The self-metrics a report would send now, by series. */
    private Map<String, Double> report() {
        return SelfMetricsReport.values(selfMetrics, System.currentTimeMillis());
    }

    private String log() {
        return logged.toString(StandardCharsets.UTF_8);
    }

    @Test
    void outageIsSpooledAndEverySampleArrivesOnceInOrderAfterIt() throws Exception {
        receiver.stopListening();
        EndpointSender sender = sender(config().build(), spool(MAX_AGE));

        assertTrue(submit(sender, 0));
        await(() -> sender.metrics().samplesRetried() > 0, "the first request failed");
        for (int n = 1; n < 60; n++) {
            assertTrue(submit(sender, n));
        }
        assertFalse(segments().isEmpty(), "the outage's requests are on disk");
        assertTrue(receiver.attempts().isEmpty());
        String endpoint = "{endpoint=\"" + sender.endpointLabel() + "\"}";
        Map<String, Double> during = report();
        assertTrue(during.get("remora_spool_bytes" + endpoint) > 0, during.toString());
        assertTrue(during.get("remora_spool_oldest_age_seconds" + endpoint) >= 60, during.toString());

        receiver.resumeListening();
        assertTrue(sender.awaitIdle(IDLE));
        assertEquals(expected(0, 60), received());
        assertEquals(List.of(), receiver.violations());
        assertEquals(60 * SAMPLES, sender.metrics().samplesSent());
        assertEquals(List.of(), segments(), "a replayed spool leaves no segment behind");
        Map<String, Double> after = report();
        assertEquals(0.0, after.get("remora_spool_bytes" + endpoint));
        assertEquals(0.0, after.get("remora_spool_oldest_age_seconds" + endpoint));
    }

    @Test
    void slowEndpointOverflowsToTheSpoolWithoutReorderingOrDuplicating() throws Exception {
        receiver.respondByDefault(ScriptedResponse.ok().delayedBy(Duration.ofMillis(200)));
        EndpointSender sender = sender(config().queueCapacity(2).build(), spool(MAX_AGE));

        for (int n = 0; n < 20; n++) {
            assertTrue(submit(sender, n), "a full queue of 2 overflows to the spool");
        }
        assertTrue(sender.awaitIdle(IDLE));

        assertEquals(expected(0, 20), received());
        assertEquals(20, receiver.attempts().size(), "each request sent once, also the one in flight as the queue filled");
        assertEquals(List.of(), receiver.violations());
        assertEquals(20 * SAMPLES, sender.metrics().samplesSent());
    }

    @Test
    void senderClosedDuringAnOutageLeavesItsRequestsToTheNextOne() throws Exception {
        receiver.stopListening();
        EndpointSender first = sender(config().build(), spool(MAX_AGE));
        for (int n = 0; n < 10; n++) {
            assertTrue(submit(first, n));
        }
        await(() -> first.metrics().samplesRetried() > 0, "the first request failed");
        first.close();
        assertTrue(first.awaitIdle(Duration.ZERO), "closed: what it holds is on disk");
        assertFalse(segments().isEmpty());
        assertTrue(log().contains("stay in the spool " + spoolDir()), log());

        receiver.resumeListening();
        EndpointSender second = sender(config().build(), spool(MAX_AGE));
        assertTrue(second.awaitIdle(IDLE));
        assertEquals(expected(0, 10), received());
        assertEquals(List.of(), receiver.violations());
        assertEquals(0, first.metrics().samplesDropped(DropReason.SHUTDOWN));
    }

    @Test
    void theSpoolOfAReplicaThatIsGoneIsAdoptedSentAndRemoved() throws Exception {
        receiver.stopListening();
        EndpointSender keeper = sender(config().build(), spool(MAX_AGE));
        EndpointSender replica = sender(config().build(), spool(MAX_AGE));
        for (int n = 0; n < 10; n++) {
            assertTrue(submit(replica, n));
        }
        await(() -> replica.metrics().samplesRetried() > 0, "the replica's first request failed");
        replica.close();
        Path sibling = tmp.resolve("spool-" + ProcessHandle.current().pid());
        assertTrue(Files.isDirectory(sibling), "the replica spooled beside the keeper: " + log());

        receiver.resumeListening();
        await(() -> received().size() == 10 * SAMPLES, "the keeper sent the replica's spool");
        assertEquals(expected(0, 10), received());
        assertTrue(log().contains("sending the spool " + sibling), log());
        await(() -> !Files.exists(sibling), "the adopted sibling was removed once sent");
        assertTrue(keeper.awaitIdle(IDLE));
        assertEquals(List.of(), receiver.violations());
    }

    @Test
    void closeWhileRequestsWaitInMemorySpoolsThemInOrder() throws Exception {
        receiver.respondByDefault(ScriptedResponse.status(503).delayedBy(Duration.ofSeconds(5)));
        EndpointSender first = sender(config().build(), spool(MAX_AGE));
        for (int n = 0; n < 3; n++) {
            assertTrue(submit(first, n));
        }
        assertTrue(receiver.awaitAttempts(1, IDLE), "request 0 is in flight, 1 and 2 wait in memory");
        assertTrue(segments().isEmpty(), "nothing has failed yet");
        first.close();
        assertFalse(segments().isEmpty());

        receiver.respondByDefault(ScriptedResponse.ok());
        EndpointSender second = sender(config().build(), spool(MAX_AGE));
        assertTrue(second.awaitIdle(IDLE));
        assertEquals(expected(0, 3), received());
        assertEquals(List.of(), receiver.violations());
    }

    @Test
    void spooledRequestsPastMaxAgeAreDroppedNotSent() throws Exception {
        receiver.stopListening();
        Duration maxAge = Duration.ofSeconds(1);
        EndpointSender sender = sender(config().build(), spool(maxAge));
        long now = System.currentTimeMillis();
        assertTrue(sender.submit(TestRequests.compressed(TestRequests.series("up", now)), 1, now, now));
        await(() -> sender.metrics().samplesRetried() > 0, "the request failed");
        await(() -> System.currentTimeMillis() > now + maxAge.toMillis(), "the request is past max age");
        receiver.resumeListening();

        assertTrue(sender.awaitIdle(IDLE));
        assertEquals(1, sender.metrics().samplesDropped(DropReason.TOO_OLD));
        assertEquals(List.of(), received());
        long later = System.currentTimeMillis();
        assertTrue(sender.submit(TestRequests.compressed(TestRequests.series("up", later)), 1, later, later));
        assertTrue(sender.awaitIdle(IDLE));
        assertEquals(List.of(later), received());
    }

    @Test
    void spoolThatCannotBeOpenedLeavesTheSenderInMemory() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        SpoolSettings unusable = new SpoolSettings(file, 1 << 20, MAX_AGE);
        EndpointSender sender = sender(config().build(), unusable);

        assertTrue(submit(sender, 0));
        assertTrue(sender.awaitIdle(IDLE));
        assertEquals(expected(0, 1), received());
        String log = log();
        assertTrue(log.contains("spool directory " + file + " cannot be used") && log.contains("memory only"), log);
        assertFalse(report().containsKey("remora_spool_bytes{endpoint=\"" + sender.endpointLabel() + "\"}"));
    }
}
