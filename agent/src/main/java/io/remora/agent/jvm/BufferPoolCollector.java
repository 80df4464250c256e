package io.remora.agent.jvm;

import io.remora.agent.collect.MetricWriter;
import io.remora.agent.collect.PeriodicCollector;
import io.remora.exporter.series.Series;
import java.lang.management.BufferPoolMXBean;
import java.util.List;

/** client_java's JvmBufferPoolMetrics: {@code jvm_buffer_pool_{used_bytes,capacity_bytes,used_buffers}{pool}}. */
final class BufferPoolCollector implements PeriodicCollector {

    private final List<BufferPoolMXBean> pools;
    private final Series[] used;
    private final Series[] capacity;
    private final Series[] buffers;

    BufferPoolCollector(MetricWriter writer, List<BufferPoolMXBean> pools) {
        this.pools = List.copyOf(pools);
        this.used = new Series[this.pools.size()];
        this.capacity = new Series[this.pools.size()];
        this.buffers = new Series[this.pools.size()];
        for (int i = 0; i < this.pools.size(); i++) {
            String pool = this.pools.get(i).getName();
            used[i] = writer.series("jvm_buffer_pool_used_bytes", "pool", pool);
            capacity[i] = writer.series("jvm_buffer_pool_capacity_bytes", "pool", pool);
            buffers[i] = writer.series("jvm_buffer_pool_used_buffers", "pool", pool);
        }
    }

    /** The JDK answers -1 where a pool cannot tell: that value is left out. */
    @Override
    public void collect(MetricWriter writer, long timestampMs) {
        for (int i = 0; i < pools.size(); i++) {
            BufferPoolMXBean pool = pools.get(i);
            recordKnown(writer, used[i], timestampMs, pool.getMemoryUsed());
            recordKnown(writer, capacity[i], timestampMs, pool.getTotalCapacity());
            recordKnown(writer, buffers[i], timestampMs, pool.getCount());
        }
    }

    private static void recordKnown(MetricWriter writer, Series series, long timestampMs, long value) {
        if (value >= 0) {
            writer.record(series, timestampMs, value);
        }
    }
}
