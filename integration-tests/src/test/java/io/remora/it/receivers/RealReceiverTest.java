package io.remora.it.receivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The harness itself: real receivers start, take a hand-made remote write, answer queries, stop and restart. */
class RealReceiverTest {

    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(20);

    static Stream<ReceiverKind> kinds() {
        return Stream.of(Prometheus.INSTANCE, VictoriaMetrics.INSTANCE);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void writtenSamplesAreReadBackExactly(ReceiverKind kind) throws Exception {
        try (RealReceiver receiver = RealReceiver.start(kind)) {
            long start = System.currentTimeMillis() - 60_000;
            Map<String, String> labels = Map.of("__name__", "harness_test_value", "job", "harness", "case", "raw");
            List<Sample> written = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                written.add(new Sample(start + i * 1000L, i * 1.5 - 2));
            }
            String answer = new RawRemoteWrite().series(labels, written.toArray(new Sample[0])).post(receiver.writeUrl());
            assertTrue(answer.startsWith("204") || answer.startsWith("200"), answer);

            SeriesSamples expected = new SeriesSamples(labels, written);
            List<SeriesSamples> read = Await.until("the written series in " + receiver, VISIBLE_WITHIN,
                    () -> receiver.query().raw("harness_test_value", Duration.ofMinutes(5)),
                    result -> result.size() == 1 && result.get(0).samples().size() == written.size());
            assertEquals(List.of(expected), read);

            List<SeriesSamples> stepped = receiver.query().range("harness_test_value",
                    start, start + 4000, Duration.ofSeconds(1));
            assertEquals(List.of(expected), stepped, "steps that fall on the samples evaluate to them");

            List<Map<String, String>> series = receiver.query().series("{job=\"harness\"}", start - 1000, start + 10_000);
            assertEquals(List.of(expected.labels()), series);

            List<SeriesSamples> latest = receiver.query().instant("harness_test_value");
            assertEquals(1, latest.size());
            assertEquals(expected.labels(), latest.get(0).labels());
            assertEquals(written.get(written.size() - 1).value(), latest.get(0).latest().value());
        }
    }

    @Test
    void victoriaMetricsExportReturnsRawSamples() throws Exception {
        try (RealReceiver receiver = RealReceiver.victoriaMetrics()) {
            long start = System.currentTimeMillis() - 60_000;
            Map<String, String> labels = Map.of("__name__", "harness_export", "job", "harness");
            List<Sample> written = List.of(new Sample(start, 1), new Sample(start + 1000, Double.POSITIVE_INFINITY),
                    new Sample(start + 2000, Double.NEGATIVE_INFINITY), new Sample(start + 3000, -7.25));
            new RawRemoteWrite().series(labels, written.toArray(new Sample[0])).post(receiver.writeUrl());

            List<SeriesSamples> exported = Await.until("exported samples", VISIBLE_WITHIN,
                    () -> receiver.query().export("{job=\"harness\"}"),
                    result -> result.size() == 1 && result.get(0).samples().size() == written.size());
            assertEquals(List.of(new SeriesSamples(labels, written)), exported);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void restartKeepsPortAndData(ReceiverKind kind) throws Exception {
        try (RealReceiver receiver = RealReceiver.start(kind)) {
            long now = System.currentTimeMillis() - 10_000;
            Map<String, String> labels = Map.of("__name__", "harness_restart", "job", "harness");
            new RawRemoteWrite().series(labels, new Sample(now, 42)).post(receiver.writeUrl());
            Await.until("the sample before the restart", VISIBLE_WITHIN,
                    () -> receiver.query().raw("harness_restart", Duration.ofMinutes(5)), result -> result.size() == 1);
            int port = receiver.port();
            long pidBefore = receiver.pid();

            receiver.stop();
            assertFalse(receiver.isRunning());
            assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());

            receiver.restart();
            assertTrue(receiver.isRunning());
            assertEquals(port, receiver.port());
            assertTrue(receiver.pid() != pidBefore, "a new process");
            List<SeriesSamples> read = Await.until("the sample after the restart", VISIBLE_WITHIN,
                    () -> receiver.query().raw("harness_restart", Duration.ofMinutes(5)), result -> result.size() == 1);
            assertEquals(List.of(new SeriesSamples(labels, List.of(new Sample(now, 42)))), read);
        }
    }

    @Test
    void closeStopsTheProcessAndDeletesItsDirectory() {
        RealReceiver receiver = RealReceiver.prometheus();
        Path dir = receiver.logFile().getParent();
        ProcessHandle process = ProcessHandle.of(receiver.pid()).orElseThrow();
        receiver.close();
        assertFalse(process.isAlive());
        assertFalse(Files.exists(dir));
    }

    @Test
    void aMissingBinaryFailsWithHowToInstallIt() {
        ReceiverUnavailableException e = assertThrows(ReceiverUnavailableException.class,
                () -> Executables.require("remora-no-such-receiver", "remora-no-such-package"));
        assertTrue(e.getMessage().contains("remora-no-such-receiver is not installed"), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install -y remora-no-such-package"), e.getMessage());
    }

    @Test
    void aReceiverThatExitsFailsWithItsLog() throws IOException {
        Path dir = Files.createTempDirectory("remora-it-bad-flag-");
        Path binary = Executables.require("prometheus", "prometheus");
        ReceiverUnavailableException e = assertThrows(ReceiverUnavailableException.class,
                () -> RealReceiver.start(new BadFlagPrometheus(), binary, dir, true));
        assertTrue(e.getMessage().contains("exited with status"), e.getMessage());
        assertTrue(e.getMessage().contains("remora-no-such-flag"), "the log tail explains it: " + e.getMessage());
        assertFalse(Files.exists(dir), "its temporary directory is removed");
    }

    @Test
    void aReceiverThatNeverGetsReadyFailsAndIsStopped() throws IOException {
        Path dir = Files.createTempDirectory("remora-it-never-ready-");
        Path log = dir.resolve("sleeper.log");
        try {
            // sleep never listens: the probe is refused until the timeout
            ReceiverProcess process = new ReceiverProcess("sleeper", List.of(Executables.require("sleep", "coreutils").toString(), "60"),
                    log, URI.create("http://127.0.0.1:9/-/ready"), Duration.ofSeconds(1));
            ReceiverUnavailableException e = assertThrows(ReceiverUnavailableException.class, process::start);
            assertTrue(e.getMessage().contains("was not ready within PT1S"), e.getMessage());
            assertFalse(process.isAlive());
        } finally {
            Files.deleteIfExists(log);
            Files.delete(dir);
        }
    }

    /** Prometheus given a flag it does not know: it exits at once. */
    private static final class BadFlagPrometheus implements ReceiverKind {
        @Override
        public String displayName() {
            return "prometheus-bad-flag";
        }

        @Override
        public String debianPackage() {
            return "prometheus";
        }

        @Override
        public String binaryName() {
            return "prometheus";
        }

        @Override
        public String readyPath() {
            return "/-/ready";
        }

        @Override
        public Optional<String> flushPath() {
            return Optional.empty();
        }

        @Override
        public List<String> arguments(int port, Path workDir) throws IOException {
            List<String> arguments = new ArrayList<>(Prometheus.INSTANCE.arguments(port, workDir));
            arguments.add("--remora-no-such-flag");
            return arguments;
        }
    }
}
