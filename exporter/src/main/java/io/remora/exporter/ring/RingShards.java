package io.remora.exporter.ring;

import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.atomic.MpscAtomicArrayQueue;
import org.jctools.queues.atomic.SpmcAtomicArrayQueue;

/**
 * Bounded, lock-free buffers between the threads that record samples and the one exporter thread.
 * A series always goes to the same shard, so its samples stay in the order they were offered.
 *
 * <p>JCTools' atomic queues, not its Unsafe ones: from JDK 24 on, the JVM prints a warning on the
 * application's stderr when sun.misc.Unsafe's memory methods are used, and an agent must not.
 *
 * <p>Each shard pre-allocates its sample slots: a producer takes a free slot, fills it and queues
 * it; the exporter drains it and hands the slot back. Nothing is allocated per sample, and a full
 * shard refuses at once instead of blocking the producer.
 */
public final class RingShards {

    private final Shard[] shards;
    private final int capacity;
    private int drainCursor;

    public RingShards(int shardCount, int samplesPerShard) {
        if (shardCount < 1) {
            throw new IllegalArgumentException("shard count must be at least 1, got " + shardCount);
        }
        if (samplesPerShard < 2) {
            throw new IllegalArgumentException("samples per shard must be at least 2, got " + samplesPerShard);
        }
        shards = new Shard[shardCount];
        for (int i = 0; i < shardCount; i++) {
            shards[i] = new Shard(samplesPerShard);
        }
        capacity = shards[0].capacity * shardCount;
    }

    /**
     * Queues one sample; safe from any thread.
     *
     * @return false if the series' shard is full and the sample was not taken
     */
    public boolean offer(int seriesId, long timestampMs, long valueBits) {
        return shards[shardOf(seriesId)].offer(seriesId, timestampMs, valueBits);
    }

    /**
     * Moves up to {@code limit} samples into the sink, visiting shards in turn so that none
     * starves. Only the exporter thread may call this.
     *
     * @return how many samples were drained
     */
    public int drain(SampleSink sink, int limit) {
        int drained = 0;
        for (int visited = 0; visited < shards.length && drained < limit; visited++) {
            Shard shard = shards[drainCursor];
            drainCursor = drainCursor + 1 == shards.length ? 0 : drainCursor + 1;
            drained += shard.drain(sink, limit - drained);
        }
        return drained;
    }

    /** Samples waiting, across all shards; approximate while producers run. */
    public int size() {
        int size = 0;
        for (Shard shard : shards) {
            size += shard.filled.size();
        }
        return size;
    }

    /** Samples the shards can hold together. */
    public int capacity() {
        return capacity;
    }

    public int shardCount() {
        return shards.length;
    }

    private int shardOf(int seriesId) {
        return (seriesId & Integer.MAX_VALUE) % shards.length;
    }

    private static final class Slot {
        int seriesId;
        long timestampMs;
        long valueBits;
    }

    private static final class Shard {
        final MpscAtomicArrayQueue<Slot> filled;
        final SpmcAtomicArrayQueue<Slot> free;
        final int capacity;
        private SampleSink sink;
        private final MessagePassingQueue.Consumer<Slot> handOver = this::handOver;

        Shard(int requested) {
            filled = new MpscAtomicArrayQueue<>(requested);
            // JCTools rounds capacities up to a power of two; use every slot the queue can hold
            capacity = filled.capacity();
            // the exporter thread alone hands slots back; any producer takes them
            free = new SpmcAtomicArrayQueue<>(capacity);
            for (int i = 0; i < capacity; i++) {
                free.offer(new Slot());
            }
        }

        boolean offer(int seriesId, long timestampMs, long valueBits) {
            Slot slot = free.poll();
            if (slot == null) {
                return false;
            }
            slot.seriesId = seriesId;
            slot.timestampMs = timestampMs;
            slot.valueBits = valueBits;
            // cannot fail: there are never more slots than the queue holds
            filled.offer(slot);
            return true;
        }

        int drain(SampleSink target, int limit) {
            sink = target;
            try {
                return filled.drain(handOver, limit);
            } finally {
                sink = null;
            }
        }

        private void handOver(Slot slot) {
            sink.accept(slot.seriesId, slot.timestampMs, slot.valueBits);
            free.offer(slot);
        }
    }
}
