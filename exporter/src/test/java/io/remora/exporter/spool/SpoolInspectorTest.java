package io.remora.exporter.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.log.Log;
import io.remora.proto.Remote;
import io.remora.proto.Types;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xerial.snappy.Snappy;

class SpoolInspectorTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final int SAMPLES = 5;

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();

    @BeforeEach
    void captureLog() {
        Log.setOutput(new PrintStream(logged, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreLog() {
        Log.setOutput(System.err);
    }

    private Path dir() {
        return tmp.resolve("spool");
    }

    /** Request {@code n}: SAMPLES samples of {@code up{job="test"}}, a second apart, after request n-1's. */
    private static byte[] request(int n) throws IOException {
        Types.TimeSeries.Builder series = Types.TimeSeries.newBuilder()
                .addLabels(Types.Label.newBuilder().setName("__name__").setValue("up"))
                .addLabels(Types.Label.newBuilder().setName("job").setValue("test"));
        for (int i = 0; i < SAMPLES; i++) {
            series.addSamples(Types.Sample.newBuilder().setTimestamp(first(n) + i * 1000L).setValue(n * SAMPLES + i));
        }
        return Snappy.compress(Remote.WriteRequest.newBuilder().addTimeseries(series).build().toByteArray());
    }

    private static long framed(int n) throws IOException {
        return RecordFormat.HEADER_BYTES + request(n).length;
    }

    private static long first(int n) {
        return T0 + n * SAMPLES * 1000L;
    }

    /** A spool as the real Spool leaves it: {@code count} requests, two to a segment. */
    private Spool write(int count) throws IOException {
        long segmentBytes = 2 * framed(0) + 40; // compressed sizes differ by a few bytes: two fit, three do not
        Spool spool = Spool.open(new SpoolSettings(dir(), 1L << 20, Duration.ofDays(1)).withSegmentBytes(segmentBytes),
                new RecordingEvents(), () -> first(count), FileOpener.DEFAULT);
        for (int n = 0; n < count; n++) {
            byte[] body = request(n);
            assertTrue(spool.append(body, SAMPLES, first(n), first(n) + (SAMPLES - 1) * 1000L) >= 0);
        }
        return spool;
    }

    @Test
    void listsSegmentsAndRecordsFromTheReadPositionOn() throws IOException {
        try (Spool spool = write(5)) {
            assertTrue(spool.commit(spool.peek())); // request 0 sent
        }
        SpoolInspector.Snapshot snapshot = SpoolInspector.read(dir());
        assertFalse(snapshot.writerActive());
        assertEquals(3, snapshot.segments().size());
        SpoolInspector.SegmentView first = snapshot.segments().get(0);
        assertEquals(Segment.fileName(0), first.fileName());
        long framed = framed(0);
        assertEquals(Segment.fileName(0) + " offset " + framed, snapshot.readPosition());
        assertEquals(framed + framed(1), first.fileBytes());
        assertEquals(List.of("the first " + framed + " bytes were sent (read position)"), first.problems());
        List<SpoolInspector.RecordView> records = snapshot.segments().stream()
                .flatMap(segment -> segment.records().stream()).collect(Collectors.toList());
        assertEquals(4, records.size());
        for (int i = 0; i < records.size(); i++) {
            SpoolInspector.RecordView record = records.get(i);
            assertTrue(record.intact());
            assertEquals(SAMPLES, record.samples());
            assertEquals(framed(i + 1), record.bytes());
            assertEquals(first(i + 1), record.oldestTimestamp());
            assertEquals(first(i + 1) + (SAMPLES - 1) * 1000L, record.newestTimestamp());
        }
        assertEquals(List.of(), snapshot.segments().get(2).problems());
    }

    @Test
    void decodesTheRequestARecordHolds() throws IOException {
        write(2).close();
        SpoolInspector.SegmentView segment = SpoolInspector.read(dir()).segments().get(0);
        Remote.WriteRequest request = SpoolInspector.request(segment, segment.records().get(1));
        Types.TimeSeries series = request.getTimeseries(0);
        assertEquals("up", series.getLabels(0).getValue());
        assertEquals(SAMPLES, series.getSamplesCount());
        assertEquals(first(1), series.getSamples(0).getTimestamp());
        assertEquals(SAMPLES, series.getSamples(0).getValue());
    }

    @Test
    void changesNothingInTheDirectory() throws IOException {
        write(3).close();
        Path torn = dir().resolve(Segment.fileName(1));
        Files.write(torn, new byte[] {0x52, 0x4D}, StandardOpenOption.APPEND); // a record torn after 2 bytes
        List<String> before = listing();
        byte[] tornBytes = Files.readAllBytes(torn);
        SpoolInspector.read(dir());
        assertEquals(before, listing());
        assertTrue(java.util.Arrays.equals(tornBytes, Files.readAllBytes(torn)), "the torn tail is left for the writer");
    }

    private List<String> listing() throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(dir())) {
            return files.map(f -> f.getFileName() + " " + f.toFile().length()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void reportsATornTailAndCorruptRecords() throws IOException {
        write(4).close();
        Path second = dir().resolve(Segment.fileName(1));
        long framed = framed(2);
        try (FileChannel channel = FileChannel.open(second, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), framed); // the header of the segment's last record
            channel.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), framed - 10); // the payload of its first
        }
        try (FileChannel channel = FileChannel.open(dir().resolve(Segment.fileName(0)), StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {7}), 5); // the header of the first record
        }
        SpoolInspector.Snapshot snapshot = SpoolInspector.read(dir());
        SpoolInspector.SegmentView first = snapshot.segments().get(0);
        assertEquals(List.of(framed(0) + " corrupt bytes at offset 0 (skipped when read)"), first.problems());
        assertEquals(1, first.records().size());
        SpoolInspector.SegmentView last = snapshot.segments().get(1);
        assertEquals(List.of("the record at offset 0 fails its CRC (dropped when read)",
                framed(3) + " bytes at offset " + framed + " are a torn record (cut off when opened)"), last.problems());
        assertFalse(last.records().get(0).intact());
        assertThrows(IOException.class, () -> SpoolInspector.request(last, last.records().get(0)));
    }

    @Test
    void sameJvmWriterIsSeenAsActive() throws IOException {
        try (Spool spool = write(1)) {
            SpoolInspector.Snapshot snapshot = SpoolInspector.read(dir());
            assertTrue(snapshot.writerActive());
            assertEquals(1, snapshot.segments().get(0).records().size());
        }
    }

    @Test
    void findsEndpointSpoolsUnderTheAgentDirectory() throws IOException {
        write(1).close();
        Files.createDirectories(tmp.resolve("not-a-spool"));
        assertEquals(List.of(dir()), SpoolInspector.spoolsAt(tmp));
        assertEquals(List.of(dir()), SpoolInspector.spoolsAt(dir()));
        assertNull(SpoolInspector.read(tmp.resolve("not-a-spool")).readPosition());
    }
}
