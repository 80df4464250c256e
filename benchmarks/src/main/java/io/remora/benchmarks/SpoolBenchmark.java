package io.remora.benchmarks;

import io.remora.exporter.selfmetrics.DropReason;
import io.remora.exporter.spool.Spool;
import io.remora.exporter.spool.SpoolEvents;
import io.remora.exporter.spool.SpoolRecord;
import io.remora.exporter.spool.SpoolSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The spool's disk path with realistic requests: {@code batchSamples} samples of
 * {@link RealisticSeries}, one sample per series, encoded and compressed by the exporter: about
 * 85 bytes a sample (labels dominate), so 415 KiB at the default 5,000 and 85 KiB at 1,000. {@code append}: an outage, every request written (segments rolled and, once max-size is
 * reached, the oldest dropped, as a long outage does). {@code appendPeekCommit}: a spool that keeps
 * up, each request written, read back (CRC checked) and committed. Scores are requests per second;
 * the {@code bytes} counter turns them into MB/s. Forcing to disk happens once a second, as in
 * production.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class SpoolBenchmark {

    private static final int REQUESTS = 64;
    private static final long MAX_BYTES = 512L << 20;

    @Param({"5000", "1000"})
    public int batchSamples;

    private RealisticRequests requests;
    private Path dir;
    private Spool spool;
    private int next;

    /** Bytes of request bodies handled: divide by the run time for MB/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Bytes {
        public long bytes;
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        requests = RealisticRequests.build(batchSamples * 4, REQUESTS / 4, System.currentTimeMillis(), 1000,
                batchSamples);
        dir = Files.createTempDirectory("remora-spool-bench-");
        spool = Spool.open(new SpoolSettings(dir, MAX_BYTES, Duration.ofDays(365)), new SpoolEvents() {
            @Override
            public void dropped(DropReason reason, long samples) {
                // past max-size the oldest segments go: the steady state of a long outage
            }

            @Override
            public void damaged() {
                throw new IllegalStateException("the spool found damage in its own writes");
            }
        });
        System.out.printf("%n%d requests, %d bytes each on average%n", requests.size(),
                requests.totalBytes / requests.size());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        spool.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Benchmark
    public long append(Bytes bytes) {
        int i = nextIndex();
        bytes.bytes += requests.bodies.get(i).length;
        return spool.append(requests.bodies.get(i), requests.samples.get(i), requests.oldest.get(i),
                requests.newest.get(i));
    }

    @Benchmark
    public boolean appendPeekCommit(Bytes bytes) {
        int i = nextIndex();
        bytes.bytes += requests.bodies.get(i).length;
        spool.append(requests.bodies.get(i), requests.samples.get(i), requests.oldest.get(i), requests.newest.get(i));
        SpoolRecord record = spool.peek();
        return spool.commit(record);
    }

    private int nextIndex() {
        int i = next;
        next = (next + 1) % requests.size();
        return i;
    }
}
