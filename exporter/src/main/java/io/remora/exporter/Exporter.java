package io.remora.exporter;

import io.remora.exporter.batch.Batch;
import io.remora.exporter.compress.SnappyCompressor;
import io.remora.exporter.compress.SnappyCompressors;
import io.remora.exporter.ring.RingShards;
import io.remora.exporter.ring.SampleValues;
import io.remora.exporter.selfmetrics.DropReason;
import io.remora.exporter.selfmetrics.SelfMetrics;
import io.remora.exporter.send.EndpointConfig;
import io.remora.exporter.send.EndpointSender;
import io.remora.exporter.series.SampleRecorder;
import io.remora.exporter.series.Series;
import io.remora.exporter.series.SampleRecorder;
import io.remora.exporter.series.SeriesRegistry;
import io.remora.exporter.spool.SpoolSettings;
import io.remora.log.Log;
import io.remora.log.RateLimitedLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The exporter as a library: register series, record samples from any thread, and they reach
 * every configured remote-write endpoint in batches. Recording never blocks and never throws: a
 * sample that cannot be taken is dropped and counted in {@code remora_samples_dropped_total}.
 */
public final class Exporter implements SampleRecorder, AutoCloseable {

    private static final long LOG_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final ExporterConfig config;
    private final SeriesRegistry registry;
    private final RingShards ring;
    private final SelfMetrics selfMetrics = new SelfMetrics();
    private final WrittenSeries written = new WrittenSeries();
    private final List<EndpointSender> senders;
    private final ExportLoop loop;
    private final Thread thread;
    private final RateLimitedLog ringFullLog = new RateLimitedLog(Log.Level.WARN, LOG_PERIOD_NANOS);
    private final RateLimitedLog failureLog = new RateLimitedLog(Log.Level.ERROR, LOG_PERIOD_NANOS);
    private volatile boolean closed;

    private Exporter(ExporterConfig config, SnappyCompressor compressor) {
        this.config = config;
        registry = new SeriesRegistry(config.externalLabels());
        ring = new RingShards(config.shards(), config.samplesPerShard());
        senders = startSenders(config);
        loop = new ExportLoop(ring, new Batch(config.batchMaxSamples()),
                new RequestShipper(registry, compressor, senders, selfMetrics),
                this::reportSelfMetricsUnlessClosing, this::shipFailed,
                config.batchMaxDelay().toNanos(), config.selfMetricsInterval().toNanos());
        thread = new Thread(loop, "remora-exporter");
        thread.setDaemon(true);
    }

    /** Builds the exporter and starts its threads. */
    public static Exporter start(ExporterConfig config) {
        Exporter exporter = new Exporter(config, SnappyCompressors.system().create());
        exporter.thread.start();
        return exporter;
    }

    /**
     * One sender per endpoint. An endpoint whose secrets or CA file cannot be read is left out with
     * one error line; the others still get everything.
     */
    private List<EndpointSender> startSenders(ExporterConfig config) {
        List<EndpointSender> started = new ArrayList<>();
        for (EndpointConfig endpoint : config.endpoints()) {
            try {
                String label = endpoint.endpointLabel();
                SpoolSettings spool = config.spool() == null ? null : config.spool().forEndpoint(label);
                started.add(new EndpointSender(endpoint, selfMetrics.endpoint(label), spool));
            } catch (IllegalArgumentException e) {
                Log.error(endpoint.endpointLabel() + ": endpoint disabled: " + e.getMessage());
            }
        }
        if (started.isEmpty()) {
            throw new IllegalArgumentException("no usable remote-write endpoint");
        }
        return Collections.unmodifiableList(started);
    }

    @Override
    public Series series(String name, String... labelNamesAndValues) {
        return registry.register(name, labelNamesAndValues);
    }

    public SeriesRegistry registry() {
        return registry;
    }

    @Override
    public boolean record(Series series, long timestampMs, double value) {
        return offer(series, timestampMs, SampleValues.bitsOf(value));
    }

    /**
     * Tells the receivers that the series is gone, with Prometheus's staleness marker, so that
     * queries stop showing its last value.
     */
    public void markStale(Series series, long timestampMs) {
        if (offer(series, timestampMs, SampleValues.STALE_NAN_BITS)) {
            written.markedStale(series.id());
        }
    }

    private boolean offer(Series series, long timestampMs, long valueBits) {
        if (closed) {
            selfMetrics.dropped(DropReason.AFTER_CLOSE, 1);
            return false;
        }
        return enqueue(series, timestampMs, valueBits);
    }

    /** Into the ring whether closing or not: the exporter's own last report goes this way. */
    private boolean enqueue(Series series, long timestampMs, long valueBits) {
        if (ring.offer(series.id(), timestampMs, valueBits)) {
            if (valueBits != SampleValues.STALE_NAN_BITS) {
                written.written(series.id(), timestampMs);
            }
            return true;
        }
        selfMetrics.dropped(DropReason.RING_FULL, 1);
        ringFullLog.log("ring shard full (" + ring.capacity() + " samples in " + ring.shardCount()
                + " shards): dropping samples; raise remora.buffer.samples or remora.shards");
        return false;
    }

    /**
     * Hands everything recorded so far to the senders and waits until they have sent it or given
     * it up.
     *
     * @return true if that happened within the timeout
     */
    public boolean flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!loop.flush(deadline)) {
            return false;
        }
        boolean idle = true;
        for (EndpointSender sender : senders) {
            idle &= sender.awaitIdle(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        return idle;
    }

    /**
     * Sends what is still in memory, within the configured shutdown timeout, then stops. An
     * endpoint that is down gets one attempt, not retries: it must not hold up the JVM's exit. What
     * is not sent is counted as dropped for shutdown. Last of all, with {@link
     * ExporterConfig#staleAtClose()}, every series written goes stale, as Prometheus marks the series
     * of a target that went away, so that queries stop showing them now rather than for the 5-minute
     * lookback.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        // refuse (and count) what collectors record from now on: a sample that reached the ring
        // after the last flush would otherwise be left to the senders' close
        closed = true;
        for (EndpointSender sender : senders) {
            sender.stopRetrying();
        }
        long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
        // a last account of itself, after the data it accounts for was sent
        if (flush(config.shutdownTimeout())) {
            reportSelfMetrics();
            if (config.staleAtClose()) {
                markEverythingStale(deadline);
            }
            flush(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        loop.stop();
        try {
            thread.join(TimeUnit.NANOSECONDS.toMillis(config.shutdownTimeout().toNanos()) + 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (EndpointSender sender : senders) {
            sender.close();
        }
    }

    /** A staleness marker for every series written, just after its newest sample; the ring is flushed when full. */
    private void markEverythingStale(long deadline) {
        long now = System.currentTimeMillis() + 1; // after everything recorded so far, self-metrics included
        written.forEach((id, newest) -> {
            long at = Math.max(now, newest + 1);
            if (!ring.offer(id, at, SampleValues.STALE_NAN_BITS)) {
                loop.flush(deadline);
                enqueue(registry.byId(id), at, SampleValues.STALE_NAN_BITS);
            }
        });
    }

    public SelfMetrics selfMetrics() {
        return selfMetrics;
    }

    /**
     * The periodic report stops once close() begins: close makes the last one itself, before the
     * staleness markers, and a report after those would bring the series back for 5 minutes.
     */
    private void reportSelfMetricsUnlessClosing() {
        if (!closed) {
            reportSelfMetrics();
        }
    }

    private void reportSelfMetrics() {
        selfMetrics.report(selfRecorder, System.currentTimeMillis(), ring, registry);
    }

    /** The exporter's own account, recorded even while close() flushes. */
    private final SampleRecorder selfRecorder = new SampleRecorder() {
        @Override
        public Series series(String name, String... labelNamesAndValues) {
            return registry.register(name, labelNamesAndValues);
        }

        @Override
        public boolean record(Series series, long timestampMs, double value) {
            return enqueue(series, timestampMs, SampleValues.bitsOf(value));
        }
    };

    private void shipFailed(Throwable error, Batch batch) {
        selfMetrics.dropped(DropReason.INTERNAL_ERROR, batch.size());
        failureLog.log("dropping a batch of " + batch.size() + " samples after an internal error: " + error);
        batch.clear();
    }
}
