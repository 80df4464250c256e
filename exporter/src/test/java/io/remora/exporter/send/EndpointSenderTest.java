package io.remora.exporter.send;

import static io.remora.exporter.send.TestRequests.key;
import static io.remora.exporter.send.TestRequests.submitNumbered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.exporter.selfmetrics.DropReason;
import io.remora.exporter.selfmetrics.SelfMetrics;
import io.remora.exporter.testing.ReceivedAttempt;
import io.remora.exporter.testing.RemoteWriteReceiver;
import io.remora.exporter.testing.ScriptedResponse;
import io.remora.log.Log;
import io.remora.proto.Types;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointSenderTest {

    private static final Duration IDLE = Duration.ofSeconds(10);
    private static final Duration MIN_BACKOFF = Duration.ofMillis(10);
    private static final Duration MAX_BACKOFF = Duration.ofMillis(100);

    @TempDir
    Path dir;

    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private RemoteWriteReceiver receiver;

    @BeforeEach
    void start() {
        Log.setOutput(new PrintStream(logged, true, StandardCharsets.UTF_8));
        Log.setLevel(Log.Level.DEBUG);
        receiver = RemoteWriteReceiver.start();
        toClose.add(receiver);
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        Log.setOutput(System.err);
        Log.setLevel(Log.Level.INFO);
    }

    private EndpointConfig.Builder config(URI url) {
        return EndpointConfig.builder(url).minBackoff(MIN_BACKOFF).maxBackoff(MAX_BACKOFF);
    }

    private EndpointSender sender(EndpointConfig config) {
        EndpointSender sender =
                new EndpointSender(config, new SelfMetrics().endpoint(config.endpointLabel()), null, new Random(7));
        toClose.add(sender);
        return sender;
    }

    private String log() {
        return logged.toString(StandardCharsets.UTF_8);
    }

    private static List<Long> timestamps(List<Types.Sample> samples) {
        return samples.stream().map(Types.Sample::getTimestamp).collect(Collectors.toList());
    }

    private static List<Long> gapsMillis(List<ReceivedAttempt> attempts) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < attempts.size(); i++) {
            gaps.add(TimeUnit.NANOSECONDS.toMillis(attempts.get(i).arrivalNanos() - attempts.get(i - 1).arrivalNanos()));
        }
        return gaps;
    }

    @Test
    void serverErrorIsRetriedAndTheSamplesArriveOnce() {
        receiver.enqueue(ScriptedResponse.status(500), ScriptedResponse.status(503, "overloaded"));
        EndpointSender sender = sender(config(receiver.url()).build());

        assertTrue(submitNumbered(sender, "up", 0, 3));
        assertTrue(sender.awaitIdle(IDLE));

        assertEquals(3, receiver.attempts().size());
        assertEquals(List.of(TestRequests.T0, TestRequests.T0 + 1000, TestRequests.T0 + 2000),
                timestamps(receiver.samples(key("up"))));
        assertEquals(3, sender.metrics().samplesSent());
        assertEquals(6, sender.metrics().samplesRetried());
        assertTrue(log().contains("failed (status 500), retry 1 in"), log());
        assertEquals(List.of(), receiver.violations());
    }

    @Test
    void requestsArriveInOrder() {
        EndpointSender sender = sender(config(receiver.url()).build());
        receiver.enqueue(ScriptedResponse.status(500), ScriptedResponse.ok(), ScriptedResponse.status(502));
        for (int n = 0; n < 10; n++) {
            assertTrue(submitNumbered(sender, "up", n, 5));
        }
        assertTrue(sender.awaitIdle(IDLE));

        assertEquals(50, receiver.samples(key("up")).size());
        assertEquals(50, sender.metrics().samplesSent());
        assertEquals(List.of(), receiver.violations());
    }

    @Test
    void badRequestIsNeverRetriedButCountedAndLogged() {
        String body = "out of bounds: sample too old " + "x".repeat(600) + "NOT-LOGGED";
        receiver.enqueue(ScriptedResponse.status(400, body));
        EndpointSender sender = sender(config(receiver.url()).build());

        assertTrue(submitNumbered(sender, "up", 0, 4));
        assertTrue(submitNumbered(sender, "up", 1, 2));
        assertTrue(sender.awaitIdle(IDLE));

        assertEquals(2, receiver.attempts().size(), "the refused request is not sent again");
        assertEquals(4, sender.metrics().samplesRejected(400));
        assertEquals(4, sender.metrics().samplesDropped(DropReason.REJECTED));
        assertEquals(0, sender.metrics().samplesRetried());
        assertEquals(2, sender.metrics().samplesSent());
        String log = log();
        assertTrue(log.contains("status 400") && log.contains("out of bounds: sample too old"), log);
        assertFalse(log.contains("NOT-LOGGED"), "only the first 512 bytes of the body are logged");
        assertEquals(List.of(), receiver.violations());
    }

    @Test
    void tooManyRequestsWaitsForRetryAfter() {
        receiver.enqueue(ScriptedResponse.tooManyRequests("2"));
        EndpointSender sender = sender(config(receiver.url()).build());

        assertTrue(submitNumbered(sender, "up", 0, 1));
        assertTrue(sender.awaitIdle(IDLE));

        List<ReceivedAttempt> attempts = receiver.attempts();
        assertEquals(2, attempts.size());
        assertTrue(gapsMillis(attempts).get(0) >= 2000, "retried after " + gapsMillis(attempts));
        assertEquals(1, receiver.samples(key("up")).size());
    }

    @Test
    void retryAfterGarbageFallsBackToBackoff() {
        receiver.enqueue(ScriptedResponse.tooManyRequests("later, please"));
        EndpointSender sender = sender(config(receiver.url()).build());

        assertTrue(submitNumbered(sender, "up", 0, 1));
        assertTrue(sender.awaitIdle(IDLE));

        assertEquals(2, receiver.attempts().size());
        assertEquals(1, receiver.samples(key("up")).size());
    }

    @Test
    void backoffGapsGrowAndStayUnderTheCap() {
        Duration max = Duration.ofMillis(320);
        for (int i = 0; i < 7; i++) {
            receiver.enqueue(ScriptedResponse.status(500));
        }
        EndpointSender sender = sender(config(receiver.url()).minBackoff(Duration.ofMillis(20)).maxBackoff(max).build());

        assertTrue(submitNumbered(sender, "up", 0, 1));
        assertTrue(sender.awaitIdle(IDLE));

        List<Long> gaps = gapsMillis(receiver.attempts());
        assertEquals(7, gaps.size(), gaps.toString());
        Backoff bounds = new Backoff(Duration.ofMillis(20), max, new Random());
        for (int retry = 0; retry < gaps.size(); retry++) {
            long shortest = Math.max(20, TimeUnit.NANOSECONDS.toMillis(bounds.ceiling(retry) / 2));
            assertTrue(gaps.get(retry) >= shortest, "retry " + retry + " came before " + shortest + " ms: " + gaps);
            // the exact bound is BackoffTest's job; here only that a real wait is not unbounded
            assertTrue(gaps.get(retry) < max.toMillis() + 1000, "retry " + retry + " waited far past the cap: " + gaps);
        }
    }

    @Test
    void refusedConnectionsAreRetriedUntilTheReceiverIsBack() throws InterruptedException {
        receiver.stopListening();
        EndpointSender sender = sender(config(receiver.url()).build());

        assertTrue(submitNumbered(sender, "up", 0, 2));
        assertTrue(submitNumbered(sender, "up", 1, 2));
        long deadline = System.nanoTime() + IDLE.toNanos();
        while (sender.metrics().samplesRetried() < 3 * 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(sender.metrics().samplesRetried() >= 3 * 2, "refusals were retried");
        assertTrue(receiver.attempts().isEmpty());
        receiver.resumeListening();

        assertTrue(sender.awaitIdle(IDLE));
        assertEquals(4, receiver.samples(key("up")).size());
        assertEquals(2, receiver.attempts().size());
        assertTrue(log().contains("ConnectException"), log());
        assertEquals(List.of(), receiver.violations());
    }

    @Test
    void afterStopRetryingAnEndpointThatIsDownIsGivenUpWithoutWaitingForTheBackoff() throws InterruptedException {
        receiver.stopListening();
        Duration patience = Duration.ofMinutes(10);
        EndpointSender sender = sender(config(receiver.url()).minBackoff(patience).maxBackoff(patience).build());

        assertTrue(submitNumbered(sender, "up", 0, 2));
        assertTrue(submitNumbered(sender, "up", 1, 3));
        long deadline = System.nanoTime() + IDLE.toNanos();
        while (sender.metrics().samplesRetried() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(2, sender.metrics().samplesRetried(), "the first request failed and waits 10 minutes");

        sender.stopRetrying();
        assertTrue(sender.awaitIdle(IDLE), "the backoff wait ended and nothing was retried");
        assertTrue(submitNumbered(sender, "up", 2, 4));
        assertTrue(sender.awaitIdle(IDLE), "a given-up endpoint is not tried again");
        assertEquals(2 + 3 + 4, sender.metrics().samplesDropped(DropReason.SHUTDOWN));
        assertEquals(2, sender.metrics().samplesRetried());
        assertTrue(log().contains("failed at shutdown (ConnectException"), log());
    }

    @Test
    void afterStopRetryingAHealthyEndpointStillGetsEverything() {
        receiver.enqueue(ScriptedResponse.status(503));
        EndpointSender sender = sender(config(receiver.url()).build());
        assertTrue(submitNumbered(sender, "up", 0, 1));
        assertTrue(sender.awaitIdle(IDLE));

        sender.stopRetrying();
        for (int n = 1; n <= 3; n++) {
            assertTrue(submitNumbered(sender, "up", n, 1));
        }
        assertTrue(sender.awaitIdle(IDLE));
        assertEquals(4, receiver.samples(key("up")).size());
        assertEquals(0, sender.metrics().samplesDropped(DropReason.SHUTDOWN));
        assertEquals(List.of(), receiver.violations());
    }

    @Test
    void resetConnectionsAreRetried() {
        receiver.enqueue(ScriptedResponse.reset(), ScriptedResponse.reset().delayedBy(Duration.ofMillis(50)));
        EndpointSender sender = sender(config(receiver.url()).build());

        assertTrue(submitNumbered(sender, "up", 0, 3));
        assertTrue(sender.awaitIdle(IDLE));

        assertEquals(3, receiver.attempts().size());
        assertEquals(3, receiver.samples(key("up")).size());
        assertEquals(6, sender.metrics().samplesRetried());
        assertEquals(List.of(), receiver.violations());
    }

    @Test
    void slowAnswerPastTheTimeoutIsRetried() {
        receiver.enqueue(ScriptedResponse.ok().delayedBy(Duration.ofMillis(800)));
        EndpointSender sender = sender(config(receiver.url()).timeout(Duration.ofMillis(200)).build());

        assertTrue(submitNumbered(sender, "up", 0, 1));
        assertTrue(sender.awaitIdle(IDLE));

        // the slow answer was a success the sender never saw: at-least-once, so it was stored twice
        assertEquals(2, receiver.attempts().size());
        assertEquals(1, sender.metrics().samplesRetried());
        assertEquals(1, sender.metrics().samplesSent());
        assertEquals(2, receiver.samples(key("up")).size());
        assertEquals(1, receiver.violations().size(), "the receiver sees the duplicate: " + receiver.violations());
    }

    @Test
    void userHeadersAndBearerTokenArriveBesideTheProtocolHeaders() throws IOException {
        Path token = Files.writeString(dir.resolve("token"), "t0k3n-value\n");
        EndpointSender sender = sender(config(receiver.url())
                .header("X-Scope-OrgID", "team-a").bearerTokenFile(token).build());

        assertTrue(submitNumbered(sender, "up", 0, 1));
        assertTrue(sender.awaitIdle(IDLE));

        ReceivedAttempt attempt = receiver.attempts().get(0);
        assertEquals("team-a", attempt.header("X-Scope-OrgID"));
        assertEquals(List.of("Bearer t0k3n-value"), attempt.headerValues("Authorization"));
        assertEquals(List.of("application/x-protobuf"), attempt.headerValues("Content-Type"));
        assertTrue(attempt.header("User-Agent").startsWith("remora/"), attempt.header("User-Agent"));
        assertEquals(List.of(), receiver.violations(), "every protocol header exactly once, with its value");
    }

    @Test
    void basicAuthArrives() throws IOException {
        Path password = Files.writeString(dir.resolve("password"), "s3cret");
        EndpointSender sender = sender(config(receiver.url()).basicAuth("alice", password).build());

        assertTrue(submitNumbered(sender, "up", 0, 1));
        assertTrue(sender.awaitIdle(IDLE));

        String expected = Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
        assertEquals("Basic " + expected, receiver.attempts().get(0).header("Authorization"));
    }

    @Test
    void bearerTokenNeverAppearsInTheLog() throws IOException {
        Path token = Files.writeString(dir.resolve("token"), "t0k3n-value");
        receiver.enqueue(ScriptedResponse.status(500, "try again"), ScriptedResponse.reset(),
                ScriptedResponse.status(401, "unauthorized"));
        EndpointConfig config = config(receiver.url()).bearerTokenFile(token).build();
        Log.info("configured " + config);
        EndpointSender sender = sender(config);

        assertTrue(submitNumbered(sender, "up", 0, 1));
        assertTrue(sender.awaitIdle(IDLE));
        sender.close();

        assertEquals(1, sender.metrics().samplesRejected(401));
        String log = log();
        assertTrue(log.contains("status 401") && log.contains("status 500"), log);
        assertFalse(log.contains("t0k3n-value"), log);
    }

    @Test
    void deadEndpointDoesNotSlowTheOther() throws IOException {
        // accepts connections into its backlog, never reads or answers
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        toClose.add(silent);
        EndpointSender stuck = sender(config(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/api/v1/write"))
                .timeout(Duration.ofMinutes(1)).build());
        EndpointSender healthy = sender(config(receiver.url()).build());

        assertTrue(submitNumbered(stuck, "up", 0, 1));
        assertTrue(submitNumbered(stuck, "up", 1, 1));
        for (int n = 0; n < 20; n++) {
            assertTrue(submitNumbered(healthy, "up", n, 2));
        }

        assertTrue(healthy.awaitIdle(IDLE));
        assertEquals(40, receiver.samples(key("up")).size());
        assertFalse(stuck.awaitIdle(Duration.ZERO), "the silent endpoint still holds its requests");

        stuck.close();
        String stuckThread = "remora-sender-127.0.0.1:" + silent.getLocalPort();
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals(stuckThread)),
                "close ended the attempt waiting on the silent endpoint");
        assertTrue(stuck.awaitIdle(Duration.ZERO));
        assertEquals(2, stuck.metrics().samplesDropped(DropReason.SHUTDOWN));
        assertEquals(0, stuck.metrics().samplesSent());
        assertEquals(List.of(), receiver.violations());
    }

    @Test
    void fullQueueRefusesAndCloseDropsWhatIsLeft() throws InterruptedException {
        receiver.respondByDefault(ScriptedResponse.ok().delayedBy(Duration.ofSeconds(5)));
        EndpointSender sender = sender(config(receiver.url()).queueCapacity(2).build());

        assertTrue(submitNumbered(sender, "up", 0, 1));
        assertTrue(receiver.awaitAttempts(1, IDLE), "the first request is in flight");
        assertTrue(submitNumbered(sender, "up", 1, 2));
        assertTrue(submitNumbered(sender, "up", 2, 4));
        assertFalse(submitNumbered(sender, "up", 3, 8), "queue of 2 is full");

        sender.close();
        assertTrue(sender.awaitIdle(Duration.ZERO));
        assertEquals(1 + 2 + 4, sender.metrics().samplesDropped(DropReason.SHUTDOWN));
        assertFalse(submitNumbered(sender, "up", 4, 1), "closed");
    }

    @Test
    void theOnlyThreadIsTheNamedDaemonSender() {
        EndpointSender sender = sender(config(receiver.url()).build());
        assertTrue(submitNumbered(sender, "up", 0, 1));
        assertTrue(sender.awaitIdle(IDLE));

        String hostPort = "127.0.0.1:" + receiver.port();
        List<Thread> ours = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().contains(hostPort)).collect(Collectors.toList());
        assertEquals(List.of("remora-sender-" + hostPort),
                ours.stream().map(Thread::getName).collect(Collectors.toList()), "one thread per endpoint, no HTTP threads");
        assertTrue(ours.get(0).isDaemon());
    }
}
