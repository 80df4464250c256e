package io.remora.agent.jvm;

import io.remora.agent.collect.MetricWriter;
import io.remora.agent.collect.PeriodicCollector;
import io.remora.exporter.series.Series;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.util.List;

/**
 * client_java's JvmMemoryMetrics: {@code jvm_memory_*_bytes{area}}, {@code jvm_memory_pool_*_bytes{pool}},
 * {@code jvm_memory_pool_collection_*_bytes{pool}} and {@code jvm_memory_objects_pending_finalization}.
 * An undefined maximum (-1) is left out rather than exported as -1.
 */
final class MemoryCollector implements PeriodicCollector {

    private static final String[] PARTS = {"used", "committed", "max", "init"};

    private final MemoryMXBean memory;
    private final List<MemoryPoolMXBean> pools;
    private final Series[] heap;
    private final Series[] nonHeap;
    private final Series[][] poolUsage;
    private final Series[][] poolCollectionUsage;
    private final Series pendingFinalization;

    MemoryCollector(MetricWriter writer, MemoryMXBean memory, List<MemoryPoolMXBean> pools) {
        this.memory = memory;
        this.pools = List.copyOf(pools);
        this.heap = partSeries(writer, "jvm_memory_", "area", "heap");
        this.nonHeap = partSeries(writer, "jvm_memory_", "area", "nonheap");
        this.poolUsage = new Series[this.pools.size()][];
        this.poolCollectionUsage = new Series[this.pools.size()][];
        for (int i = 0; i < this.pools.size(); i++) {
            String pool = this.pools.get(i).getName();
            poolUsage[i] = partSeries(writer, "jvm_memory_pool_", "pool", pool);
            poolCollectionUsage[i] = partSeries(writer, "jvm_memory_pool_collection_", "pool", pool);
        }
        this.pendingFinalization = writer.series("jvm_memory_objects_pending_finalization");
    }

    private static Series[] partSeries(MetricWriter writer, String prefix, String label, String value) {
        Series[] series = new Series[PARTS.length];
        for (int i = 0; i < PARTS.length; i++) {
            series[i] = writer.series(prefix + PARTS[i] + "_bytes", label, value);
        }
        return series;
    }

    @Override
    public void collect(MetricWriter writer, long timestampMs) {
        write(writer, heap, memory.getHeapMemoryUsage(), timestampMs);
        write(writer, nonHeap, memory.getNonHeapMemoryUsage(), timestampMs);
        for (int i = 0; i < pools.size(); i++) {
            MemoryPoolMXBean pool = pools.get(i);
            if (!pool.isValid()) {
                continue;
            }
            write(writer, poolUsage[i], pool.getUsage(), timestampMs);
            write(writer, poolCollectionUsage[i], pool.getCollectionUsage(), timestampMs);
        }
        writer.record(pendingFinalization, timestampMs, memory.getObjectPendingFinalizationCount());
    }

    /** Null usage: the pool does not track it (collection usage of non-collected pools). */
    private static void write(MetricWriter writer, Series[] series, MemoryUsage usage, long timestampMs) {
        if (usage == null) {
            return;
        }
        writer.record(series[0], timestampMs, usage.getUsed());
        writer.record(series[1], timestampMs, usage.getCommitted());
        if (usage.getMax() >= 0) {
            writer.record(series[2], timestampMs, usage.getMax());
        }
        if (usage.getInit() >= 0) {
            writer.record(series[3], timestampMs, usage.getInit());
        }
    }
}
