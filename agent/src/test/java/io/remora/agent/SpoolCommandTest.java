package io.remora.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.exporter.ring.SampleValues;
import io.remora.exporter.spool.Spool;
import io.remora.exporter.spool.SpoolSettings;
import io.remora.exporter.testing.NoLoss;
import io.remora.exporter.testing.OtherUser;
import io.remora.proto.Remote;
import io.remora.proto.Types;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xerial.snappy.Snappy;

class SpoolCommandTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return SpoolCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<String> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().collect(Collectors.toList());
    }

    private static Types.TimeSeries series(String name, String job, long t, double... values) {
        Types.TimeSeries.Builder series = Types.TimeSeries.newBuilder()
                .addLabels(Types.Label.newBuilder().setName("__name__").setValue(name))
                .addLabels(Types.Label.newBuilder().setName("job").setValue(job));
        for (int i = 0; i < values.length; i++) {
            series.addSamples(Types.Sample.newBuilder().setTimestamp(t + i * 1000L).setValue(values[i]));
        }
        return series.build();
    }

    /** Two requests in the endpoint spool under {@code tmp/agent}, as the exporter lays it out. */
    private Path writeSpool(long t0) throws IOException {
        SpoolSettings settings = new SpoolSettings(tmp.resolve("agent"), 1L << 20, Duration.ofDays(1))
                .forEndpoint("http://127.0.0.1:8428/api/v1/write");
        try (Spool spool = Spool.open(settings, NoLoss.EVENTS)) {
            append(spool, Remote.WriteRequest.newBuilder()
                    .addTimeseries(series("up", "a\"b", t0, 1, 2.5)).build(), t0, t0 + 1000);
            append(spool, Remote.WriteRequest.newBuilder()
                    .addTimeseries(series("jvm_threads_current", "app", t0 + 2000,
                            Double.longBitsToDouble(SampleValues.STALE_NAN_BITS), Double.POSITIVE_INFINITY))
                    .build(), t0 + 2000, t0 + 3000);
        }
        return settings.directory();
    }

    private static void append(Spool spool, Remote.WriteRequest request, long oldest, long newest) throws IOException {
        byte[] body = Snappy.compress(request.toByteArray());
        assertTrue(spool.append(body, 2, oldest, newest) >= 0);
    }

    @Test
    void listsEachSegmentWithRecordsSamplesBytesAndTimes() throws IOException {
        long t0 = System.currentTimeMillis() - 60_000;
        Path spoolDir = writeSpool(t0);
        assertEquals(0, run("spool", tmp.resolve("agent").toString()), err.toString(StandardCharsets.UTF_8));
        List<String> lines = lines();
        assertEquals("spool " + spoolDir, lines.get(0));
        assertEquals("directory: owner " + Files.getOwner(tmp).getName() + ", mode rwx------", lines.get(1));
        assertEquals("writer: none (the directory is not locked)", lines.get(2));
        assertEquals("read position: 00000000000000000000.seg offset 0", lines.get(3));
        List<String> segment = List.of(lines.get(5).split(" +"));
        assertEquals(List.of("00000000000000000000.seg", "2", "4"), segment.subList(0, 3));
        assertEquals(List.of(Instant.ofEpochMilli(t0).toString(), Instant.ofEpochMilli(t0 + 3000).toString()),
                segment.subList(4, 6));
        List<String> total = List.of(lines.get(6).split(" +"));
        assertEquals("total", total.get(0));
        assertEquals(segment.subList(1, 6), total.subList(1, 6));
    }

    @Test
    void flagsASpoolDirectoryOthersCanWriteTo() throws IOException {
        Path spoolDir = writeSpool(System.currentTimeMillis());
        Files.setPosixFilePermissions(spoolDir, PosixFilePermissions.fromString("rwxrwxrwx"));
        OtherUser.owns(spoolDir);
        assertEquals(0, run("spool", spoolDir.toString()), err.toString(StandardCharsets.UTF_8));
        assertEquals(List.of("spool " + spoolDir,
                "directory: owner " + OtherUser.NAME + ", mode rwxrwxrwx",
                "UNSAFE: the directory is writable by group or others (rwxrwxrwx): the agent refuses it and sends"
                        + " nothing in it"), lines().subList(0, 3));
    }

    @Test
    void flagsASymbolicLinkToASpool() throws IOException {
        Path spoolDir = writeSpool(System.currentTimeMillis());
        Path link = Files.createSymbolicLink(tmp.resolve("link"), spoolDir);
        assertEquals(0, run("spool", link.toString()), err.toString(StandardCharsets.UTF_8));
        assertEquals(List.of("spool " + link,
                "directory: owner " + Files.getOwner(tmp).getName() + ", mode rwxrwxrwx",
                "UNSAFE: the directory is a symbolic link to " + spoolDir + ": the agent refuses it and sends nothing"
                        + " in it"), lines().subList(0, 3));
    }

    @Test
    void dumpPrintsEverySampleLikePromtool() throws IOException {
        long t0 = 1_700_000_000_000L;
        Path spoolDir = tmp.resolve("dump");
        SpoolSettings settings = new SpoolSettings(spoolDir, 1L << 20, Duration.ofDays(36500));
        try (Spool spool = Spool.open(settings, NoLoss.EVENTS)) {
            append(spool, Remote.WriteRequest.newBuilder().addTimeseries(series("up", "a\"b", t0, 1, 2.5))
                    .addTimeseries(series("jvm_threads_current", "app", t0 + 2000,
                            Double.longBitsToDouble(SampleValues.STALE_NAN_BITS), Double.POSITIVE_INFINITY))
                    .build(), t0, t0 + 3000);
        }
        assertEquals(0, run("spool", spoolDir.toString(), "--dump"), err.toString(StandardCharsets.UTF_8));
        List<String> lines = lines();
        int record = lines.indexOf(lines.stream().filter(l -> l.startsWith("# record at offset 0: 2 samples"))
                .findFirst().orElseThrow());
        assertEquals(List.of(
                "up{job=\"a\\\"b\"} 1 1700000000000",
                "up{job=\"a\\\"b\"} 2.5 1700000001000",
                "jvm_threads_current{job=\"app\"} StaleNaN 1700000002000",
                "jvm_threads_current{job=\"app\"} +Inf 1700000003000"), lines.subList(record + 1, record + 5));
        assertTrue(lines.get(record + 5).startsWith("total "), lines.get(record + 5));
    }

    @Test
    void badUsageAndMissingSpoolsAreSaid() {
        assertEquals(2, run("spool"));
        assertEquals(2, run("spool", tmp.toString(), "--bogus"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(SpoolCommand.USAGE));
        err.reset();
        assertEquals(1, run("spool", tmp.toString()));
        assertEquals("remora: no spool in " + tmp + System.lineSeparator(), err.toString(StandardCharsets.UTF_8));
    }
}
