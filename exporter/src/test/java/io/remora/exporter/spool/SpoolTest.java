package io.remora.exporter.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.exporter.selfmetrics.DropReason;
import io.remora.log.Log;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final Duration MAX_AGE = Duration.ofHours(1);
    private static final long LARGE = 1L << 20;

    @TempDir
    Path tmp;

    private final AtomicLong now = new AtomicLong(T0);
    private final RecordingEvents events = new RecordingEvents();
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final List<Spool> opened = new ArrayList<>();

    @BeforeEach
    void captureLog() {
        Log.setOutput(new PrintStream(logged, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void closeSpools() {
        opened.forEach(Spool::close);
        Log.setOutput(System.err);
    }

    private Path dir() {
        return tmp.resolve("spool");
    }

    private static SpoolSettings settings(Path dir, long maxBytes, long segmentBytes) {
        return new SpoolSettings(dir, maxBytes, MAX_AGE).withSegmentBytes(segmentBytes);
    }

    private Spool open(SpoolSettings settings) throws IOException {
        return open(settings, events, FileOpener.DEFAULT);
    }

    private Spool open(SpoolSettings settings, RecordingEvents counts, FileOpener files) throws IOException {
        Spool spool = Spool.open(settings, counts, now::get, files);
        opened.add(spool);
        return spool;
    }

    /** Request n's body: its number, then padding so that sizes vary. */
    private static byte[] body(int n) {
        return body(n, 12 + n % 7 * 10);
    }

    /** Exactly {@code size} bytes (at least 12), starting with the request's number. */
    private static byte[] body(int n, int size) {
        String text = "request " + n + " ";
        return (text + "x".repeat(Math.max(0, size - text.length()))).getBytes(StandardCharsets.US_ASCII);
    }

    private static int samples(int n) {
        return n + 1;
    }

    private static long append(Spool spool, int n) {
        return append(spool, n, body(n));
    }

    private static long append(Spool spool, int n, byte[] body) {
        return spool.append(body, samples(n), T0 + n * 1000L, T0 + n * 1000L + 500);
    }

    /** Peeks and commits until empty; the request numbers in the order they came. */
    private static List<Integer> drain(Spool spool) {
        List<Integer> numbers = new ArrayList<>();
        SpoolRecord record;
        while ((record = spool.peek()) != null) {
            numbers.add(number(record));
            assertTrue(spool.commit(record));
        }
        assertTrue(spool.isEmpty());
        return numbers;
    }

    private static int number(SpoolRecord record) {
        String text = new String(record.body(), StandardCharsets.US_ASCII);
        int n = Integer.parseInt(text.split(" ")[1]);
        assertEquals(samples(n), record.samples(), text);
        return n;
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().collect(Collectors.toList());
    }

    private static List<Path> segmentFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".seg")).sorted().collect(Collectors.toList());
        }
    }

    /** A directory holding only a copy of {@code segment} with {@code bytes} as content. */
    private Path spoolWith(String name, Path segment, byte[] bytes) throws IOException {
        Path copy = tmp.resolve(name);
        Files.createDirectories(copy);
        Files.write(copy.resolve(segment.getFileName()), bytes);
        return copy;
    }

    private String log() {
        return logged.toString(StandardCharsets.UTF_8);
    }

    @Test
    void recordsComeBackInOrderAcrossSegmentRolls() throws IOException {
        Spool spool = open(settings(dir(), LARGE, 200));
        for (int n = 0; n < 40; n++) {
            assertTrue(append(spool, n) >= 0);
        }
        assertTrue(segmentFiles(dir()).size() >= 10, segmentFiles(dir()).toString());
        assertEquals(range(0, 40), drain(spool));

        assertEquals(0, spool.sizeBytes());
        assertEquals(List.of(), segmentFiles(dir()), "read segments are deleted");
        assertEquals(Map.of(), events.dropped());
    }

    @Test
    void appendsWhileReadingQueueBehindTheUnread() throws IOException {
        Spool spool = open(settings(dir(), LARGE, 200));
        for (int n = 0; n < 10; n++) {
            append(spool, n);
        }
        List<Integer> read = new ArrayList<>();
        for (int n = 10; n < 30; n++) {
            SpoolRecord record = spool.peek();
            assertEquals(record.position(), spool.peek().position(), "the same record until committed");
            read.add(number(record));
            assertTrue(spool.commit(record));
            assertFalse(spool.commit(record), "committed once");
            append(spool, n);
        }
        read.addAll(drain(spool));
        assertEquals(range(0, 30), read);
    }

    @Test
    void restartReturnsTheUnreadRecordsAndNotTheReadOnes() throws IOException {
        Spool first = open(settings(dir(), LARGE, 200));
        for (int n = 0; n < 30; n++) {
            append(first, n);
        }
        for (int n = 0; n < 12; n++) {
            assertTrue(first.commit(first.peek()));
        }
        assertEquals(12, number(first.peek()), "peeked, not committed: sent again after a restart");
        first.close();

        Spool second = open(settings(dir(), LARGE, 200));
        assertFalse(second.isEmpty());
        append(second, 30);
        assertEquals(range(12, 31), drain(second));
        second.close();

        Spool third = open(settings(dir(), LARGE, 200));
        assertTrue(third.isEmpty());
        assertNull(third.peek());
        assertEquals(0, events.damagedCount());
        assertEquals(Map.of(), events.dropped());
        assertTrue(log().contains("left by an earlier run will be sent first"), log());
    }

    @Test
    void interruptedReaderLosesNothing() throws IOException {
        Spool spool = open(settings(dir(), LARGE, LARGE));
        for (int n = 0; n < 3; n++) {
            append(spool, n);
        }
        Thread.currentThread().interrupt();
        try {
            assertNull(spool.peek(), "the interrupt closed the segment's channel under the read");
        } finally {
            assertTrue(Thread.interrupted());
        }
        assertEquals(range(0, 3), drain(spool), "the channel is reopened and nothing was dropped");
        assertEquals(Map.of(), events.dropped());
    }

    @Test
    void unreadablePositionFileReplaysFromTheOldestSegment() throws IOException {
        Spool first = open(settings(dir(), LARGE, LARGE));
        for (int n = 0; n < 3; n++) {
            append(first, n);
        }
        first.commit(first.peek());
        first.close();
        Files.writeString(dir().resolve(ReadPosition.FILE), "garbage");

        Spool second = open(settings(dir(), LARGE, LARGE));
        assertEquals(range(0, 3), drain(second), "at least once: request 0 comes again");
        assertTrue(log().contains("holds 'garbage'"), log());
    }

    @Test
    void tornLastRecordIsCutOffAtEveryByteOffset() throws IOException {
        Path reference = tmp.resolve("reference");
        Spool writer = open(settings(reference, LARGE, LARGE));
        for (int n = 0; n < 3; n++) {
            append(writer, n);
        }
        writer.close();
        Path segment = segmentFiles(reference).get(0);
        byte[] whole = Files.readAllBytes(segment);
        int lastStart = whole.length - RecordFormat.HEADER_BYTES - body(2).length;

        for (int cut = lastStart; cut < whole.length; cut++) {
            Path dir = spoolWith("cut-" + cut, segment, Arrays.copyOf(whole, cut));
            RecordingEvents counts = new RecordingEvents();
            Spool spool = open(settings(dir, LARGE, LARGE), counts, FileOpener.DEFAULT);

            assertEquals(lastStart, Files.size(dir.resolve(segment.getFileName())), "cut at " + cut);
            assertEquals(cut > lastStart ? 1 : 0, counts.damagedCount(), "cut at " + cut);
            boolean headerWhole = cut >= lastStart + RecordFormat.HEADER_BYTES;
            assertEquals(headerWhole ? samples(2) : 0, counts.dropped(DropReason.SPOOL_CORRUPT), "cut at " + cut);
            append(spool, 3);
            assertEquals(List.of(0, 1, 3), drain(spool), "cut at " + cut);
            spool.close();
        }
        assertTrue(log().contains("cut off a torn or corrupt record"), log());
    }

    /**
     * Writes records 0 to count-1 into a fresh spool in one segment; fills {@code starts} with each
     * record's offset and, last, the segment's length.
     */
    private Path referenceSegment(int count, long[] starts) throws IOException {
        Path reference = tmp.resolve("reference");
        Spool writer = open(settings(reference, LARGE, LARGE));
        for (int n = 0; n < count; n++) {
            starts[n] = append(writer, n) & 0xFFFF_FFFFL;
        }
        writer.close();
        Path segment = segmentFiles(reference).get(0);
        starts[count] = Files.size(segment);
        return segment;
    }

    @Test
    void corruptByteInTheMiddleLosesOnlyThatRecord() throws IOException {
        int count = 20;
        long[] starts = new long[count + 1];
        Path segment = referenceSegment(count, starts);
        byte[] whole = Files.readAllBytes(segment);

        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            int victim = 1 + random.nextInt(count - 2);
            int inRecord = random.nextInt((int) (starts[victim + 1] - starts[victim]));
            byte[] bytes = whole.clone();
            bytes[(int) starts[victim] + inRecord] ^= (byte) (1 + random.nextInt(255));
            Path dir = spoolWith("flip-" + round, segment, bytes);
            RecordingEvents counts = new RecordingEvents();
            Spool spool = open(settings(dir, LARGE, LARGE), counts, FileOpener.DEFAULT);

            List<Integer> expected = range(0, count);
            expected.remove(Integer.valueOf(victim));
            String what = "byte " + inRecord + " of record " + victim;
            assertEquals(expected, drain(spool), what);
            assertEquals(1, counts.damagedCount(), what);
            boolean inPayload = inRecord >= RecordFormat.HEADER_BYTES;
            assertEquals(inPayload ? samples(victim) : 0, counts.dropped(DropReason.SPOOL_CORRUPT), what);
            spool.close();
        }
    }

    @Test
    void corruptStretchLosesOnlyTheRecordsItTouches() throws IOException {
        int count = 20;
        long[] starts = new long[count + 1];
        Path segment = referenceSegment(count, starts);
        byte[] whole = Files.readAllBytes(segment);

        Random random = new Random(7);
        for (int round = 0; round < 100; round++) {
            int from = (int) starts[1] + random.nextInt((int) (starts[count - 3] - starts[1]));
            int length = 1 + random.nextInt(200);
            byte[] bytes = whole.clone();
            for (int i = from; i < from + length; i++) {
                bytes[i] = (byte) random.nextInt(256);
            }
            List<Integer> expected = new ArrayList<>();
            for (int n = 0; n < count; n++) {
                boolean touched = starts[n] < from + length && starts[n + 1] > from
                        && !Arrays.equals(bytes, (int) starts[n], (int) starts[n + 1],
                                whole, (int) starts[n], (int) starts[n + 1]);
                if (!touched) {
                    expected.add(n);
                }
            }
            Path dir = spoolWith("stretch-" + round, segment, bytes);
            RecordingEvents counts = new RecordingEvents();
            Spool spool = open(settings(dir, LARGE, LARGE), counts, FileOpener.DEFAULT);

            String what = length + " random bytes at " + from;
            assertEquals(expected, drain(spool), what);
            assertTrue(counts.damagedCount() >= 1 || expected.size() == count, what);
            spool.close();
        }
    }

    @Test
    void sizeCapDropsTheOldestSegmentsAndCountsTheirSamples() throws IOException {
        // 100-byte records, max size 1000: segments of 250 bytes hold two records each
        int bodyBytes = 100 - RecordFormat.HEADER_BYTES;
        Spool spool = open(new SpoolSettings(dir(), 1000, MAX_AGE));
        for (int n = 0; n < 10; n++) {
            assertTrue(append(spool, n, body(n, bodyBytes)) >= 0);
        }
        assertEquals(1000, spool.sizeBytes());
        assertEquals(Map.of(), events.dropped());

        append(spool, 10, body(10, bodyBytes));
        assertEquals(Map.of(DropReason.SPOOL_FULL, (long) samples(0) + samples(1)), events.dropped());
        assertEquals(900, spool.sizeBytes());
        append(spool, 11, body(11, bodyBytes));
        assertEquals(1000, spool.sizeBytes());

        assertEquals(2, number(spool.peek()));
        assertTrue(spool.commit(spool.peek()));
        append(spool, 12, body(12, bodyBytes)); // record 2 was read, but its segment still takes room
        assertEquals(samples(0) + samples(1) + samples(3), events.dropped(DropReason.SPOOL_FULL));
        assertEquals(900, spool.sizeBytes());

        assertEquals(-1, append(spool, 13, body(13, 1001)), "larger than the whole spool");
        assertEquals(samples(0) + samples(1) + samples(3) + samples(13), events.dropped(DropReason.SPOOL_FULL));
        assertEquals(range(4, 13), drain(spool));
        assertTrue(log().contains("over its max size of 1000 bytes"), log());
    }

    @Test
    void ageCapDropsTheOldestAndNeverReturnsThem() throws IOException {
        Spool spool = open(new SpoolSettings(dir(), LARGE, MAX_AGE).withSegmentBytes(200));
        for (int n = 0; n < 10; n++) {
            long oldest = T0 + TimeUnit.MINUTES.toMillis(n);
            assertTrue(spool.append(body(n, 60), samples(n), oldest, oldest + 500) >= 0);
        }
        assertEquals(5, segmentFiles(dir()).size(), "two records per segment");

        // cutoff at 2.5 minutes: records 0 and 1 go with their segment, record 2 on its own
        now.set(T0 + MAX_AGE.toMillis() + TimeUnit.SECONDS.toMillis(150));
        SpoolRecord three = spool.peek();
        assertEquals(3, number(three));
        assertEquals(samples(0) + samples(1) + samples(2), events.dropped(DropReason.TOO_OLD));
        assertEquals(4, segmentFiles(dir()).size());

        // the record being sent ages past the limit: it is dropped, and committing it does nothing
        now.set(T0 + MAX_AGE.toMillis() + TimeUnit.SECONDS.toMillis(210));
        assertEquals(OptionalLong.of(T0 + TimeUnit.MINUTES.toMillis(4)), spool.oldestTimestamp());
        assertFalse(spool.commit(three));
        assertEquals(samples(0) + samples(1) + samples(2) + samples(3), events.dropped(DropReason.TOO_OLD));

        assertEquals(-1, spool.append(body(99, 60), samples(99), T0, T0 + 500), "too old to keep");
        assertEquals(samples(0) + samples(1) + samples(2) + samples(3) + samples(99),
                events.dropped(DropReason.TOO_OLD));
        assertEquals(range(4, 10), drain(spool));
        assertEquals(OptionalLong.empty(), spool.oldestTimestamp());
        assertTrue(log().contains("older than the spool's max age"), log());
    }

    @Test
    void secondSpoolOnTheSameDirectoryGetsItsOwn() throws IOException {
        Spool first = open(settings(dir(), LARGE, LARGE));
        Spool second = open(settings(dir(), LARGE, LARGE));

        Path sibling = tmp.resolve("spool-" + ProcessHandle.current().pid());
        assertEquals(dir(), first.directory());
        assertEquals(sibling, second.directory());
        assertTrue(log().contains("spool directory " + dir() + " is in use"), log());
        append(first, 0);
        append(first, 1);
        append(second, 2);
        first.close();
        second.close();

        assertEquals(List.of(0, 1), drain(open(settings(dir(), LARGE, LARGE))));
        assertEquals(List.of(2), drain(open(settings(sibling, LARGE, LARGE))));
    }

    @Test
    void directoryLockedByAnotherProcessIsNotShared() throws Exception {
        Files.createDirectories(dir());
        Path holder = Files.writeString(tmp.resolve("HoldLock.java"), String.join("\n",
                "import java.nio.channels.*;",
                "import java.nio.file.*;",
                "public class HoldLock {",
                "  public static void main(String[] args) throws Exception {",
                "    try (FileChannel c = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE,",
                "        StandardOpenOption.WRITE); FileLock lock = c.lock()) {",
                "      System.out.println(\"locked\");",
                "      System.out.flush();",
                "      System.in.read();",
                "    }",
                "  }",
                "}"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), holder.toString(),
                dir().resolve(DirectoryLock.FILE).toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", out.readLine(), "the child JVM holding the lock did not start: see its stderr");

            Spool spool = open(settings(dir(), LARGE, LARGE));
            assertNotEquals(dir(), spool.directory());
            assertTrue(log().contains("in use by another process"), log());
            spool.close();
        } finally {
            child.getOutputStream().close();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(dir(), open(settings(dir(), LARGE, LARGE)).directory(), "free again once the child is gone");
    }

    @Test
    void unusableDirectoryFailsWithItsName() throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-directory"), "x");

        IOException inside = assertThrows(IOException.class, () -> open(settings(file.resolve("spool"), LARGE, LARGE)));
        assertTrue(inside.getMessage().contains(file.resolve("spool").toString()), inside.getMessage());
        IOException onFile = assertThrows(IOException.class, () -> open(settings(file, LARGE, LARGE)));
        assertTrue(onFile.getMessage().startsWith("spool directory " + file + " cannot be used"), onFile.getMessage());
    }

    @Test
    void fullDiskDropsAndCountsWithoutThrowing() throws IOException {
        AtomicLong budget = new AtomicLong(Long.MAX_VALUE);
        FileOpener disk = path -> new FailingChannel(FileOpener.DEFAULT.open(path), budget, new AtomicBoolean());
        Spool spool = open(settings(dir(), LARGE, LARGE), events, disk);
        for (int n = 0; n < 5; n++) {
            append(spool, n);
        }
        budget.set(50); // request 5 is half written when the disk fills up
        assertEquals(-1, append(spool, 5));
        assertEquals(-1, append(spool, 6));
        assertEquals(samples(5) + samples(6), events.dropped(DropReason.SPOOL_WRITE_FAILED));
        budget.set(Long.MAX_VALUE);
        assertTrue(append(spool, 7) >= 0);
        spool.close();

        Spool reopened = open(settings(dir(), LARGE, LARGE));
        assertEquals(List.of(0, 1, 2, 3, 4, 7), drain(reopened));
        assertEquals(0, events.damagedCount(), "the half-written request was taken back");
        assertTrue(log().contains("No space left on device"), log());
    }

    @Test
    void fullDiskThatCannotTruncateMovesOnToANewSegment() throws IOException {
        AtomicLong budget = new AtomicLong(Long.MAX_VALUE);
        AtomicBoolean truncateFails = new AtomicBoolean(true);
        FileOpener disk = path -> new FailingChannel(FileOpener.DEFAULT.open(path), budget, truncateFails);
        Spool spool = open(settings(dir(), LARGE, LARGE), events, disk);
        for (int n = 0; n < 3; n++) {
            append(spool, n);
        }
        budget.set(20);
        assertEquals(-1, append(spool, 3));
        budget.set(Long.MAX_VALUE);
        append(spool, 4);

        assertEquals(2, segmentFiles(dir()).size(), "the half-written segment takes no more appends");
        assertEquals(List.of(0, 1, 2, 4), drain(spool), "the half-written bytes are never read");
        assertEquals(samples(3), events.dropped(DropReason.SPOOL_WRITE_FAILED));
        assertEquals(0, events.damagedCount());
    }
}
