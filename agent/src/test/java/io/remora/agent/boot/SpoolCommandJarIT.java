package io.remora.agent.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.exporter.selfmetrics.DropReason;
import io.remora.exporter.spool.Spool;
import io.remora.exporter.spool.SpoolEvents;
import io.remora.exporter.spool.SpoolSettings;
import io.remora.proto.Remote;
import io.remora.proto.Types;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xerial.snappy.Snappy;

/** {@code java -jar remora-agent.jar spool <dir>} in a child JVM, on a spool this JVM is writing. */
class SpoolCommandJarIT {

    private static final Path JAR = Paths.get(System.getProperty("remora.agent.jar", "target/remora-agent.jar"));

    @TempDir
    Path parent;

    @Test
    void readsALiveSpoolWithoutTakingItsLock() throws Exception {
        Path tmp = parent.resolve("spool"); // its sibling, made below, is cleaned up with it
        long now = System.currentTimeMillis();
        Types.TimeSeries series = Types.TimeSeries.newBuilder()
                .addLabels(Types.Label.newBuilder().setName("__name__").setValue("up"))
                .addSamples(Types.Sample.newBuilder().setTimestamp(now).setValue(1)).build();
        byte[] body = Snappy.compress(Remote.WriteRequest.newBuilder().addTimeseries(series).build().toByteArray());
        SpoolEvents events = new SpoolEvents() {
            @Override
            public void dropped(DropReason reason, long samples) {
                throw new AssertionError(reason);
            }

            @Override
            public void damaged() {
                throw new AssertionError("damaged");
            }
        };
        try (Spool spool = Spool.open(new SpoolSettings(tmp, 1L << 20, Duration.ofHours(1)), events)) {
            assertTrue(spool.append(body, 1, now, now) >= 0);
            String out = runJar("spool", tmp.toString(), "--dump");
            assertTrue(out.contains("writer: active (another process holds the lock)"), out);
            assertTrue(out.contains("up 1 " + now), out);
            // the lock is still ours: a spool opened on the directory now goes to a sibling
            try (Spool second = Spool.open(new SpoolSettings(tmp, 1L << 20, Duration.ofHours(1)), events)) {
                assertEquals(tmp.resolveSibling(tmp.getFileName() + "-" + ProcessHandle.current().pid()),
                        second.directory());
            }
        }
        assertTrue(runJar("spool", tmp.toString()).contains("writer: none"));
    }

    private static String runJar(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child JVM did not exit");
        assertEquals(0, child.exitValue(), out);
        return out;
    }
}
