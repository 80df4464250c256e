package io.remora.agent.jvm;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.remora.agent.collect.MetricWriter;
import io.remora.agent.collect.PeriodicCollector;
import io.remora.exporter.series.Series;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.MemoryUsage;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * client_java's JvmMemoryPoolAllocationMetrics: {@code jvm_memory_pool_allocated_bytes_total{pool}},
 * counted from GC notifications, so it moves only when a collection happens.
 */
final class AllocationCollector implements PeriodicCollector {

    private final GcNotifications notifications;
    /** Used bytes after the previous collection, per pool. */
    private final Map<String, Long> lastAfter = new HashMap<>();
    private final Map<String, Long> allocated = new LinkedHashMap<>();
    private final Map<String, Series> series = new HashMap<>();

    AllocationCollector(MetricWriter writer, List<GarbageCollectorMXBean> collectors) {
        this.notifications = new GcNotifications(collectors, this::observe);
    }

    private void observe(GarbageCollectionNotificationInfo info) {
        Map<String, MemoryUsage> before = info.getGcInfo().getMemoryUsageBeforeGc();
        Map<String, MemoryUsage> after = info.getGcInfo().getMemoryUsageAfterGc();
        synchronized (allocated) {
            for (Map.Entry<String, MemoryUsage> pool : before.entrySet()) {
                MemoryUsage afterUsage = after.get(pool.getKey());
                if (afterUsage != null) {
                    count(pool.getKey(), pool.getValue().getUsed(), afterUsage.getUsed());
                }
            }
        }
    }

    /**
     * What grew since the last collection (before this one minus after the last) plus what grew
     * during this one (after minus before): eden grows between collections, survivor and old
     * generation during them. Decreases are not allocation and count as 0.
     */
    void count(String pool, long before, long after) {
        synchronized (allocated) {
            Long last = lastAfter.put(pool, after);
            long increase = Math.max(0, before - (last == null ? 0 : last)) + Math.max(0, after - before);
            if (increase > 0) {
                allocated.merge(pool, increase, Long::sum);
            }
        }
    }

    @Override
    public void collect(MetricWriter writer, long timestampMs) {
        notifications.throwIfFailed();
        Map<String, Long> totals;
        synchronized (allocated) {
            totals = new LinkedHashMap<>(allocated);
        }
        for (Map.Entry<String, Long> total : totals.entrySet()) {
            Series poolSeries = series.computeIfAbsent(total.getKey(),
                    pool -> writer.series("jvm_memory_pool_allocated_bytes_total", "pool", pool));
            writer.record(poolSeries, timestampMs, total.getValue());
        }
    }

    @Override
    public void close() {
        notifications.close();
    }
}
