package io.remora.it.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.exporter.send.EndpointConfig;
import io.remora.exporter.spool.Spool;
import io.remora.exporter.spool.SpoolSettings;
import io.remora.exporter.testing.NoLoss;
import io.remora.exporter.testing.OtherUser;
import io.remora.exporter.testing.RemoteWriteReceiver;
import io.remora.proto.Remote;
import io.remora.proto.Types;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xerial.snappy.Snappy;

/**
 * Segments another local user planted where the agent spools are never sent: in a spool directory
 * of that user's, behind a symbolic link, or as a sibling spool of that user's beside this
 * process's own, where a process that is gone would have left one. Each is said in exactly one
 * line; the application's output and exit code are unchanged, and export goes on.
 */
class PlantedSpoolTest {

    private static final Duration RUN = Duration.ofSeconds(5);
    private static final String PLANTED = "planted_total";

    @TempDir
    Path tmp;

    /** The spool directory the agent uses for {@code receiver} under {@code spoolDir}. */
    private static Path endpointSpool(Path spoolDir, RemoteWriteReceiver receiver) {
        String label = EndpointConfig.builder(receiver.url()).build().endpointLabel();
        return new SpoolSettings(spoolDir, 1L << 20, Duration.ofHours(1)).forEndpoint(label).directory();
    }

    /** Writes a spool at {@code dir} holding samples of {@value #PLANTED}, recent enough to be sent. */
    private static Path plant(Path dir) throws IOException {
        long t = System.currentTimeMillis() - 60_000;
        Types.TimeSeries series = Types.TimeSeries.newBuilder()
                .addLabels(Types.Label.newBuilder().setName("__name__").setValue(PLANTED))
                .addSamples(Types.Sample.newBuilder().setTimestamp(t).setValue(1))
                .build();
        byte[] body = Snappy.compress(Remote.WriteRequest.newBuilder().addTimeseries(series).build().toByteArray());
        try (Spool spool = Spool.open(new SpoolSettings(dir, 1L << 20, Duration.ofHours(1)), NoLoss.EVENTS)) {
            assertTrue(spool.append(body, 1, t, t) >= 0);
        }
        return dir;
    }

    /**
     * Runs the application with {@code spoolDir} as remora.spool.dir while {@code receiver} listens,
     * and checks all but the refusal: the application as without the agent, its own samples
     * delivered, none planted. Returns the agent's lines.
     */
    private List<String> runWith(Path spoolDir, RemoteWriteReceiver receiver) throws Exception {
        SpooledChild app = SpooledChild.start(spoolDir, RUN, "app", List.of(), receiver.url());
        try {
            String stdout = app.awaitExit(Duration.ofSeconds(60));
            assertEquals(List.of(SleepingApp.STARTED, SleepingApp.FINISHED),
                    stdout.lines().collect(Collectors.toList()));
            List<String> keys = List.copyOf(receiver.samples().keySet());
            assertTrue(keys.stream().anyMatch(key -> key.contains(":" + app.pid() + "\"")),
                    "export goes on: " + keys + app.output());
            assertEquals(List.of(), keys.stream().filter(key -> key.contains(PLANTED)).collect(Collectors.toList()),
                    "nothing planted is sent");
            assertEquals(List.of(), receiver.violations());
            return app.stderrLines();
        } finally {
            app.destroyIfAlive();
        }
    }

    private static String notOwned(Path dir) throws IOException {
        return dir + " is owned by " + OtherUser.NAME + ", not by " + Files.getOwner(dir.getParent()).getName()
                + ", the user this process runs as";
    }

    @Test
    void aSpoolDirectoryOfAnotherUserIsNotReplayed() throws Exception {
        Path spoolDir = tmp.resolve("spool");
        try (RemoteWriteReceiver receiver = RemoteWriteReceiver.start()) {
            Path planted = plant(endpointSpool(spoolDir, receiver));
            OtherUser.owns(spoolDir);
            assertEquals(List.of("remora: remora.spool.dir=" + spoolDir + ": " + notOwned(spoolDir)
                    + "; spool disabled, samples stay in memory"), runWith(spoolDir, receiver));
            assertTrue(Files.exists(planted.resolve("00000000000000000000.seg")), "left as it was");
        }
    }

    @Test
    void aSymbolicallyLinkedSpoolDirectoryIsNotReplayed() throws Exception {
        Path target = tmp.resolve("target");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), Files.createDirectory(target));
        try (RemoteWriteReceiver receiver = RemoteWriteReceiver.start()) {
            plant(endpointSpool(target, receiver));
            assertEquals(List.of("remora: remora.spool.dir=" + link + ": " + link + " is a symbolic link to " + target
                    + "; spool disabled, samples stay in memory"), runWith(link, receiver));
        }
    }

    @Test
    void aSiblingSpoolOfAnotherUserIsNotAdopted() throws Exception {
        Path spoolDir = tmp.resolve("spool");
        try (RemoteWriteReceiver receiver = RemoteWriteReceiver.start()) {
            Path own = endpointSpool(spoolDir, receiver);
            Path sibling = plant(own.resolveSibling(own.getFileName() + "-1"));
            OtherUser.owns(sibling);
            assertEquals(List.of("remora: " + notOwned(sibling) + "; not adopted: nothing in it is sent"),
                    runWith(spoolDir, receiver));
            assertTrue(Files.exists(sibling.resolve("00000000000000000000.seg")), "left as it was");
        }
    }
}
