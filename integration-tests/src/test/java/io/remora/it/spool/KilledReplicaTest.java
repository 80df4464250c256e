package io.remora.it.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.exporter.spool.SpoolInspector;
import io.remora.exporter.testing.RemoteWriteReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Processes SIGKILLed while their endpoint is down lose nothing they had spooled: two replicas
 * share one spool directory (the second spools to a sibling named after its pid), and whichever is
 * killed, the other adopts its spool and sends it; a crash loop's spool is sent by the run after
 * it. Delivered samples are counted against those on disk after the kills.
 */
class KilledReplicaTest {

    private static final Duration SPOOLING = Duration.ofSeconds(5);
    /** The survivor looks for orphaned spools every 10 s. */
    private static final Duration DELIVERY = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "the {0} replica is killed")
    @ValueSource(strings = {"first", "second"})
    void theSurvivorSendsWhatTheKilledReplicaHadSpooled(String victimName) throws Exception {
        Path spool = tmp.resolve("spool");
        try (RemoteWriteReceiver receiver = RemoteWriteReceiver.start()) {
            receiver.stopListening();
            SpooledChild first = SpooledChild.start(spool, Duration.ofMinutes(3), "first", List.of(), receiver.url());
            SpooledChild second = null;
            try {
                Path firstDir = awaitSpoolDirs(spool, 1).get(0);
                second = SpooledChild.start(spool, Duration.ofMinutes(3), "second", List.of(), receiver.url());
                Path secondDir = awaitSpoolDirs(spool, 2).get(1);
                assertEquals(firstDir.getFileName() + "-" + second.pid(), secondDir.getFileName().toString());
                Thread.sleep(SPOOLING.toMillis());
                SpooledChild victim = victimName.equals("first") ? first : second;
                victim.kill();
                long spooled = spooledSamples(victim == first ? firstDir : secondDir);
                assertTrue(spooled > 0, "the victim spooled while the endpoint was down");

                receiver.resumeListening();
                long delivered = awaitDelivered(receiver, victim.pid(), spooled);
                System.out.printf("two replicas, the %s killed: %d samples spooled, %d delivered%n",
                        victimName, spooled, delivered);
                assertEquals(spooled, delivered);
                assertEquals(List.of(), receiver.violations());
            } finally {
                first.destroyIfAlive();
                if (second != null) {
                    second.destroyIfAlive();
                }
            }
        }
    }

    @Test
    void aCrashLoopsSpoolIsSentByTheRunAfterIt() throws Exception {
        Path spool = tmp.resolve("spool");
        try (RemoteWriteReceiver receiver = RemoteWriteReceiver.start()) {
            receiver.stopListening();
            List<Long> pids = new ArrayList<>();
            for (int run = 0; run < 10; run++) {
                SpooledChild child = SpooledChild.start(spool, Duration.ofMinutes(3), "loop-" + run, List.of(),
                        receiver.url());
                pids.add(child.pid());
                Thread.sleep(3_000);
                child.kill();
            }
            long spooled = 0;
            for (Path dir : awaitSpoolDirs(spool, 1)) {
                spooled += spooledSamples(dir);
            }
            receiver.resumeListening();
            SpooledChild next = SpooledChild.start(spool, Duration.ofMinutes(3), "after-the-loop", List.of(),
                    receiver.url());
            try {
                long delivered = awaitDelivered(receiver, pids, spooled);
                System.out.printf("crash loop of 10 SIGKILLs: %d samples spooled, %d delivered%n", spooled, delivered);
                assertEquals(spooled, delivered);
                assertEquals(List.of(), receiver.violations());
            } finally {
                next.destroyIfAlive();
            }
        }
    }

    /** The spool directories under {@code spool} (one per endpoint, plus siblings), once there are {@code count}. */
    private static List<Path> awaitSpoolDirs(Path spool, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(spool)) {
                try (Stream<Path> dirs = Files.list(spool)) {
                    List<Path> found = dirs.filter(d -> Files.exists(d.resolve(".lock"))).sorted()
                            .collect(Collectors.toList());
                    if (found.size() >= count) {
                        return found;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("fewer than " + count + " spool directories under " + spool);
    }

    private static long spooledSamples(Path dir) throws IOException {
        long samples = 0;
        for (SpoolInspector.SegmentView segment : SpoolInspector.read(dir).segments()) {
            for (SpoolInspector.RecordView record : segment.records()) {
                samples += record.intact() ? record.samples() : 0;
            }
        }
        return samples;
    }

    private static long awaitDelivered(RemoteWriteReceiver receiver, long pid, long expected) throws InterruptedException {
        return awaitDelivered(receiver, List.of(pid), expected);
    }

    /** Waits until the samples of these processes that arrived reach {@code expected} (or time runs out), and counts them. */
    private static long awaitDelivered(RemoteWriteReceiver receiver, List<Long> pids, long expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + DELIVERY.toNanos();
        long delivered = delivered(receiver, pids);
        while (delivered < expected && System.nanoTime() < deadline) {
            Thread.sleep(200);
            delivered = delivered(receiver, pids);
        }
        Thread.sleep(2_000); // more than expected would show now: a sample sent twice
        return delivered(receiver, pids);
    }

    private static long delivered(RemoteWriteReceiver receiver, List<Long> pids) {
        return receiver.samples().entrySet().stream()
                .filter(e -> pids.stream().anyMatch(pid -> e.getKey().contains(":" + pid + "\"")))
                .mapToLong(e -> e.getValue().size()).sum();
    }
}
