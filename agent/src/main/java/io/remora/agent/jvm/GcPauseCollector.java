package io.remora.agent.jvm;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.remora.agent.collect.MeterExport;
import io.remora.agent.collect.MetricWriter;
import io.remora.agent.collect.PeriodicCollector;
import io.remora.bootstrap.meter.BucketBounds;
import io.remora.bootstrap.meter.HistogramFamily;
import io.remora.bootstrap.meter.MeterRegistry;
import java.lang.management.GarbageCollectorMXBean;
import java.util.List;

/**
 * OpenTelemetry's {@code jvm.gc.duration} as a Prometheus classic histogram:
 * {@code jvm_gc_duration_seconds_{bucket,sum,count}{jvm_gc_name,jvm_gc_action}}, one observation
 * per collection from GC notifications, into a meter of its own registry. A (collector, action)
 * pair appears after its first pause.
 */
final class GcPauseCollector implements PeriodicCollector {

    static final BucketBounds BUCKETS = BucketBounds.ofSeconds(0.01, 0.1, 1, 10);
    /** Collectors times actions: a handful; the cap only guards against a JVM naming them freely. */
    private static final int MAX_PAIRS = 64;

    private final HistogramFamily pauses;
    private final MeterExport export;
    private final GcNotifications notifications;

    GcPauseCollector(List<GarbageCollectorMXBean> collectors) {
        MeterRegistry registry = new MeterRegistry();
        this.pauses = registry.histogram("jvm_gc_duration_seconds", BUCKETS, MAX_PAIRS, "jvm_gc_name", "jvm_gc_action");
        this.export = new MeterExport(registry);
        this.notifications = new GcNotifications(collectors, this::observe);
    }

    /** On the JVM's notification thread. */
    private void observe(GarbageCollectionNotificationInfo info) {
        pauses.labels(info.getGcName(), info.getGcAction()).record(info.getGcInfo().getDuration() * 1_000_000L);
    }

    @Override
    public void collect(MetricWriter writer, long timestampMs) {
        notifications.throwIfFailed();
        export.collect(writer, timestampMs);
    }

    @Override
    public void close() {
        notifications.close();
    }
}
