package io.remora.exporter.selfmetrics;

import io.remora.bootstrap.meter.BucketBounds;
import io.remora.bootstrap.meter.Histogram;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** What one endpoint's sender reports about itself. Thread-safe; called once per request. */
public final class EndpointMetrics {

    /** Upper bounds of the send-duration histogram. */
    static final BucketBounds DURATION_BOUNDS =
            BucketBounds.ofSeconds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10);

    private final String endpoint;
    final LongAdder samplesSent = new LongAdder();
    final LongAdder samplesRetried = new LongAdder();
    final LongAdder requestsSent = new LongAdder();
    final Map<Integer, LongAdder> samplesRejectedByStatus = new ConcurrentHashMap<>();
    final Map<DropReason, LongAdder> samplesDropped = new EnumMap<>(DropReason.class);
    final Histogram duration = new Histogram(DURATION_BOUNDS);
    final LongAdder spoolDamaged = new LongAdder();
    /** Null while the endpoint has no spool. */
    volatile SpoolGauge spool;

    EndpointMetrics(String endpoint) {
        this.endpoint = endpoint;
        for (DropReason reason : DropReason.values()) {
            if (reason.isPerEndpoint()) {
                samplesDropped.put(reason, new LongAdder());
            }
        }
    }

    public String endpoint() {
        return endpoint;
    }

    /** A request was accepted by the receiver. */
    public void sent(int samples) {
        requestsSent.increment();
        samplesSent.add(samples);
    }

    /** A request failed in a way worth retrying, and will be sent again. */
    public void retried(int samples) {
        samplesRetried.add(samples);
    }

    /** The receiver refused a request with a status that retrying cannot fix. */
    public void rejected(int status, int samples) {
        samplesRejectedByStatus.computeIfAbsent(status, s -> new LongAdder()).add(samples);
        samplesDropped.get(DropReason.REJECTED).add(samples);
    }

    public void dropped(DropReason reason, long samples) {
        counter(reason).add(samples);
    }

    /** The endpoint's spool, reported from now on. */
    public void spool(SpoolGauge gauge) {
        spool = gauge;
    }

    /** The spool cut off or skipped one damaged stretch of a segment. */
    public void spoolDamaged() {
        spoolDamaged.increment();
    }

    public long spoolDamagedCount() {
        return spoolDamaged.sum();
    }

    /** One HTTP attempt took this long, whatever its outcome. */
    public void attemptDuration(long nanos) {
        duration.record(nanos);
    }

    public long samplesSent() {
        return samplesSent.sum();
    }

    public long samplesRetried() {
        return samplesRetried.sum();
    }

    public long samplesDropped(DropReason reason) {
        return counter(reason).sum();
    }

    private LongAdder counter(DropReason reason) {
        if (!reason.isPerEndpoint()) {
            throw new IllegalArgumentException(reason + " is counted once for the exporter, not per endpoint");
        }
        return samplesDropped.get(reason);
    }

    public long samplesRejected(int status) {
        LongAdder count = samplesRejectedByStatus.get(status);
        return count == null ? 0 : count.sum();
    }
}
