package io.remora.benchmarks;

import io.remora.exporter.ring.RingShards;
import io.remora.exporter.ring.SampleSink;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Producers offering samples to the ring shards while the exporter thread drains them, with 1, 2
 * and 4 producers. Read the counters: {@code accepted} offers per second is what passes through the
 * ring ({@code drained} should match it), {@code rejected} counts offers refused by a full shard.
 * The groups' primary score counts every call, refused offers and empty drains included, so on its
 * own it says little.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class RingShardsBenchmark {

    private static final int DRAIN_LIMIT = 10_000;

    @Param("4")
    public int shards;

    @Param("8192")
    public int samplesPerShard;

    private RingShards ring;

    @Setup(Level.Trial)
    public void setUp() {
        ring = new RingShards(shards, samplesPerShard);
    }

    /** One producer's counts and the series it cycles through. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Producer {
        public long accepted;
        public long rejected;
        private int next;

        @Setup(Level.Iteration)
        public void reset() {
            accepted = 0;
            rejected = 0;
        }

        void offer(RingShards ring) {
            int seriesId = next++ & 1023;
            if (ring.offer(seriesId, 1_718_000_000_000L, 0x3ff0000000000000L)) {
                accepted++;
            } else {
                rejected++;
            }
        }
    }

    /** The exporter thread's count. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Consumer implements SampleSink {
        public long drained;

        @Setup(Level.Iteration)
        public void reset() {
            drained = 0;
        }

        @Override
        public void accept(int seriesId, long timestampMs, long valueBits) {
            drained++;
        }
    }

    @Benchmark
    @Group("producers1")
    @GroupThreads(1)
    public void offer1(Producer producer) {
        producer.offer(ring);
    }

    @Benchmark
    @Group("producers1")
    @GroupThreads(1)
    public int drain1(Consumer consumer) {
        return ring.drain(consumer, DRAIN_LIMIT);
    }

    @Benchmark
    @Group("producers2")
    @GroupThreads(2)
    public void offer2(Producer producer) {
        producer.offer(ring);
    }

    @Benchmark
    @Group("producers2")
    @GroupThreads(1)
    public int drain2(Consumer consumer) {
        return ring.drain(consumer, DRAIN_LIMIT);
    }

    @Benchmark
    @Group("producers4")
    @GroupThreads(4)
    public void offer4(Producer producer) {
        producer.offer(ring);
    }

    @Benchmark
    @Group("producers4")
    @GroupThreads(1)
    public int drain4(Consumer consumer) {
        return ring.drain(consumer, DRAIN_LIMIT);
    }
}
