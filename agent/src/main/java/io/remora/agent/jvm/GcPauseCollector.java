package io.remora.agent.jvm;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.remora.exporter.series.Series;
import java.lang.management.GarbageCollectorMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenTelemetry's {@code jvm.gc.duration} as a Prometheus classic histogram:
 * {@code jvm_gc_duration_seconds_{bucket,sum,count}{jvm_gc_name,jvm_gc_action}}, one observation
 * per collection from GC notifications. A (collector, action) pair appears after its first pause.
 */
final class GcPauseCollector implements JvmCollector {

    static final double[] BUCKETS = {0.01, 0.1, 1, 10};
    private static final String NAME = "jvm_gc_duration_seconds";

    /** Cumulative state of one (collector, action) pair; written by the notification thread. */
    private static final class Pauses {
        final long[] bucketCounts = new long[BUCKETS.length];
        long count;
        double sum;
        Series[] bucketSeries;
        Series sumSeries;
        Series countSeries;
    }

    private final MetricWriter writer;
    private final Map<List<String>, Pauses> pauses = new LinkedHashMap<>();
    private final GcNotifications notifications;

    GcPauseCollector(MetricWriter writer, List<GarbageCollectorMXBean> collectors) {
        this.writer = writer;
        this.notifications = new GcNotifications(collectors, this::observe);
    }

    private void observe(GarbageCollectionNotificationInfo info) {
        double seconds = info.getGcInfo().getDuration() / 1000.0;
        synchronized (pauses) {
            Pauses pause = pauses.computeIfAbsent(List.of(info.getGcName(), info.getGcAction()), key -> new Pauses());
            for (int i = 0; i < BUCKETS.length; i++) {
                if (seconds <= BUCKETS[i]) {
                    pause.bucketCounts[i]++;
                }
            }
            pause.count++;
            pause.sum += seconds;
        }
    }

    @Override
    public void collect(long timestampMs) {
        notifications.throwIfFailed();
        List<Map.Entry<List<String>, Pauses>> entries;
        synchronized (pauses) {
            entries = new ArrayList<>(pauses.entrySet());
        }
        for (Map.Entry<List<String>, Pauses> entry : entries) {
            Pauses pause = entry.getValue();
            if (pause.sumSeries == null) {
                register(entry.getKey().get(0), entry.getKey().get(1), pause);
            }
            long[] bucketCounts;
            long count;
            double sum;
            synchronized (pauses) {
                bucketCounts = pause.bucketCounts.clone();
                count = pause.count;
                sum = pause.sum;
            }
            for (int i = 0; i < BUCKETS.length; i++) {
                writer.record(pause.bucketSeries[i], timestampMs, bucketCounts[i]);
            }
            writer.record(pause.bucketSeries[BUCKETS.length], timestampMs, count);
            writer.record(pause.sumSeries, timestampMs, sum);
            writer.record(pause.countSeries, timestampMs, count);
        }
    }

    /** Series are created on the poller thread only, the first time a pair is collected. */
    private void register(String gcName, String gcAction, Pauses pause) {
        Series[] buckets = new Series[BUCKETS.length + 1];
        for (int i = 0; i <= BUCKETS.length; i++) {
            String le = i < BUCKETS.length ? Double.toString(BUCKETS[i]) : "+Inf";
            buckets[i] = writer.series(NAME + "_bucket", "jvm_gc_name", gcName, "jvm_gc_action", gcAction, "le", le);
        }
        pause.countSeries = writer.series(NAME + "_count", "jvm_gc_name", gcName, "jvm_gc_action", gcAction);
        pause.sumSeries = writer.series(NAME + "_sum", "jvm_gc_name", gcName, "jvm_gc_action", gcAction);
        pause.bucketSeries = buckets;
    }

    @Override
    public void close() {
        notifications.close();
    }
}
