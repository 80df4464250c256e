package io.remora.agent.jvm;

import io.remora.agent.collect.MetricWriter;
import io.remora.agent.collect.PeriodicCollector;
import io.remora.exporter.series.Series;
import java.lang.management.GarbageCollectorMXBean;
import java.util.List;

/** client_java's JvmGarbageCollectorMetrics: the summary {@code jvm_gc_collection_seconds{gc}} as count and sum. */
final class GcTimeCollector implements PeriodicCollector {

    private final List<GarbageCollectorMXBean> collectors;
    private final Series[] counts;
    private final Series[] sums;

    GcTimeCollector(MetricWriter writer, List<GarbageCollectorMXBean> collectors) {
        this.collectors = List.copyOf(collectors);
        this.counts = new Series[this.collectors.size()];
        this.sums = new Series[this.collectors.size()];
        for (int i = 0; i < this.collectors.size(); i++) {
            String gc = this.collectors.get(i).getName();
            counts[i] = writer.series("jvm_gc_collection_seconds_count", "gc", gc);
            sums[i] = writer.series("jvm_gc_collection_seconds_sum", "gc", gc);
        }
    }

    @Override
    public void collect(MetricWriter writer, long timestampMs) {
        for (int i = 0; i < collectors.size(); i++) {
            GarbageCollectorMXBean collector = collectors.get(i);
            long count = collector.getCollectionCount();
            long millis = collector.getCollectionTime();
            if (count >= 0 && millis >= 0) {
                writer.record(counts[i], timestampMs, count);
                writer.record(sums[i], timestampMs, millis / 1000.0);
            }
        }
    }
}
