package io.remora.exporter.selfmetrics;

import io.remora.bootstrap.meter.HistogramSnapshot;
import io.remora.exporter.ring.RingShards;
import io.remora.exporter.series.HistogramSeries;
import io.remora.exporter.series.SampleRecorder;
import io.remora.exporter.series.SeriesRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * The exporter's account of itself, reported as {@code remora_*} series through the same path as
 * every other sample, so that what was sent, retried, rejected and dropped is visible in the store.
 */
public final class SelfMetrics {

    private final Map<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);
    private final List<EndpointMetrics> endpoints = new CopyOnWriteArrayList<>();

    public SelfMetrics() {
        for (DropReason reason : DropReason.values()) {
            if (!reason.isPerEndpoint()) {
                dropped.put(reason, new LongAdder());
            }
        }
    }

    /** A new account for one endpoint, reported from now on. */
    public EndpointMetrics endpoint(String endpointLabel) {
        EndpointMetrics metrics = new EndpointMetrics(endpointLabel);
        endpoints.add(metrics);
        return metrics;
    }

    /** Drops that happen before a batch is handed to any endpoint. */
    public void dropped(DropReason reason, int samples) {
        counter(reason).add(samples);
    }

    public long dropped(DropReason reason) {
        return counter(reason).sum();
    }

    private LongAdder counter(DropReason reason) {
        if (reason.isPerEndpoint()) {
            throw new IllegalArgumentException(reason + " is counted per endpoint");
        }
        return dropped.get(reason);
    }

    public List<EndpointMetrics> endpoints() {
        return endpoints;
    }

    /** Writes every {@code remora_*} series at one timestamp. */
    public void report(SampleRecorder out, long timestampMs, RingShards ring, SeriesRegistry registry) {
        for (Map.Entry<DropReason, LongAdder> count : dropped.entrySet()) {
            out.record(out.series("remora_samples_dropped_total", "reason", count.getKey().label()),
                    timestampMs, count.getValue().sum());
        }
        out.record(out.series("remora_ring_samples"), timestampMs, ring.size());
        out.record(out.series("remora_ring_capacity_samples"), timestampMs, ring.capacity());
        out.record(out.series("remora_series"), timestampMs, registry.size());
        out.record(out.series("remora_series_refused_total"), timestampMs, registry.refusedCount());
        for (EndpointMetrics endpoint : endpoints) {
            reportEndpoint(out, timestampMs, endpoint);
        }
    }

    private static void reportEndpoint(SampleRecorder out, long ts, EndpointMetrics metrics) {
        String endpoint = metrics.endpoint();
        out.record(out.series("remora_samples_sent_total", "endpoint", endpoint), ts, metrics.samplesSent.sum());
        out.record(out.series("remora_requests_sent_total", "endpoint", endpoint), ts, metrics.requestsSent.sum());
        out.record(out.series("remora_samples_retried_total", "endpoint", endpoint), ts,
                metrics.samplesRetried.sum());
        for (Map.Entry<Integer, LongAdder> rejected : metrics.samplesRejectedByStatus.entrySet()) {
            out.record(out.series("remora_samples_failed_total", "endpoint", endpoint,
                    "status_code", String.valueOf(rejected.getKey())), ts, rejected.getValue().sum());
        }
        for (Map.Entry<DropReason, LongAdder> dropped : metrics.samplesDropped.entrySet()) {
            out.record(out.series("remora_samples_dropped_total", "endpoint", endpoint,
                    "reason", dropped.getKey().label()), ts, dropped.getValue().sum());
        }
        HistogramSnapshot duration = new HistogramSnapshot(EndpointMetrics.DURATION_BOUNDS);
        metrics.duration.snapshot(duration);
        HistogramSeries.register(out, "remora_send_duration_seconds", EndpointMetrics.DURATION_BOUNDS,
                "endpoint", endpoint).record(out, duration, ts);
        SpoolGauge spool = metrics.spool;
        if (spool != null) {
            out.record(out.series("remora_spool_bytes", "endpoint", endpoint), ts, spool.sizeBytes());
            OptionalLong oldest = spool.oldestTimestamp();
            double age = oldest.isPresent() ? Math.max(0, ts - oldest.getAsLong()) / 1e3 : 0;
            out.record(out.series("remora_spool_oldest_age_seconds", "endpoint", endpoint), ts, age);
            out.record(out.series("remora_spool_damaged_total", "endpoint", endpoint), ts, metrics.spoolDamaged.sum());
        }
    }
}
