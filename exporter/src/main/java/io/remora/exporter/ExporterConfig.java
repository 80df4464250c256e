package io.remora.exporter;

import io.remora.exporter.send.EndpointConfig;
import io.remora.exporter.series.SeriesRegistry;
import io.remora.exporter.setting.InvalidSetting;
import io.remora.exporter.spool.SpoolSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything the exporter needs; each value is checked as it is set, so a refusal names its setting. */
public final class ExporterConfig implements Cloneable {

    /** Defaults: see the README's benchmark section for how the sizes were chosen. */
    public static final int DEFAULT_SHARDS = 4;
    public static final int DEFAULT_SAMPLES_PER_SHARD = 16_384;
    public static final int DEFAULT_BATCH_MAX_SAMPLES = 2_000;
    public static final Duration DEFAULT_BATCH_MAX_DELAY = Duration.ofSeconds(5);
    public static final Duration DEFAULT_SELF_METRICS_INTERVAL = Duration.ofSeconds(15);
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);
    /**
     * Every slot is allocated up front (about 40 bytes each, 8 bytes a batch slot): the upper
     * bounds keep a slip of the keyboard from taking the heap, or JCTools' queue size limit.
     */
    public static final IntRange SHARDS_RANGE = new IntRange(1, 64);
    public static final IntRange SAMPLES_PER_SHARD_RANGE = new IntRange(2, 1 << 20);
    public static final IntRange BATCH_MAX_SAMPLES_RANGE = new IntRange(1, 1 << 20);

    private final List<EndpointConfig> endpoints;
    private Map<String, String> externalLabels; // set once, or in a clone by withExternalLabels
    private final int shards;
    private final int samplesPerShard;
    private final int batchMaxSamples;
    private final Duration batchMaxDelay;
    private final Duration selfMetricsInterval;
    private final Duration shutdownTimeout;
    private SpoolSettings spool; // set once, or in a clone by withoutSpool
    private final boolean staleAtClose;

    private ExporterConfig(Builder builder) {
        endpoints = List.copyOf(builder.endpoints);
        externalLabels = Collections.unmodifiableMap(new LinkedHashMap<>(builder.externalLabels));
        shards = builder.shards;
        samplesPerShard = builder.samplesPerShard;
        batchMaxSamples = builder.batchMaxSamples;
        batchMaxDelay = builder.batchMaxDelay;
        selfMetricsInterval = builder.selfMetricsInterval;
        shutdownTimeout = builder.shutdownTimeout;
        spool = builder.spool;
        staleAtClose = builder.staleAtClose;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The same configuration with these external labels instead, in this order: the agent learns
     * its {@code instance} (host:pid, which may need DNS) only after premain.
     *
     * @throws IllegalArgumentException when a label is not valid
     */
    public ExporterConfig withExternalLabels(Map<String, String> labels) {
        new SeriesRegistry(labels); // the exporter's own check, at once
        ExporterConfig copy = copy();
        copy.externalLabels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        return copy;
    }

    /**
     * The same configuration, memory only: the agent learns that its spool directory is refused
     * only after premain, which does no disk work.
     */
    public ExporterConfig withoutSpool() {
        ExporterConfig copy = copy();
        copy.spool = null;
        return copy;
    }

    private ExporterConfig copy() {
        try {
            return (ExporterConfig) clone(); // every field, none of them listed again
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    public List<EndpointConfig> endpoints() {
        return endpoints;
    }

    /** Whether {@link Exporter#close()} marks every series written stale. */
    public boolean staleAtClose() {
        return staleAtClose;
    }

    public Map<String, String> externalLabels() {
        return externalLabels;
    }

    public int shards() {
        return shards;
    }

    public int samplesPerShard() {
        return samplesPerShard;
    }

    public int batchMaxSamples() {
        return batchMaxSamples;
    }

    public Duration batchMaxDelay() {
        return batchMaxDelay;
    }

    public Duration selfMetricsInterval() {
        return selfMetricsInterval;
    }

    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    /** Where each endpoint's spool lives (a subdirectory per endpoint), or null for memory only. */
    public SpoolSettings spool() {
        return spool;
    }

    /** Collects settings; {@link #build()} checks them. */
    public static final class Builder {
        private final List<EndpointConfig> endpoints = new ArrayList<>();
        private final Map<String, String> externalLabels = new LinkedHashMap<>();
        private int shards = DEFAULT_SHARDS;
        private int samplesPerShard = DEFAULT_SAMPLES_PER_SHARD;
        private int batchMaxSamples = DEFAULT_BATCH_MAX_SAMPLES;
        private Duration batchMaxDelay = DEFAULT_BATCH_MAX_DELAY;
        private Duration selfMetricsInterval = DEFAULT_SELF_METRICS_INTERVAL;
        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
        private SpoolSettings spool;
        private boolean staleAtClose;

        private Builder() {
        }

        /**
         * Marks every series written stale at {@link Exporter#close()}, as Prometheus does for a
         * target that went away: what a process exports (the agent) wants it; a library user who
         * closes one exporter to open another for the same series does not, so it is off by default.
         */
        public Builder staleAtClose(boolean stale) {
            staleAtClose = stale;
            return this;
        }

        public Builder endpoint(EndpointConfig endpoint) {
            endpoints.add(endpoint);
            return this;
        }

        /** Labels added to every series that lacks a label of the same name (job, instance, ...). */
        public Builder externalLabels(Map<String, String> labels) {
            externalLabels.putAll(labels);
            return this;
        }

        /**
         * One external label, checked at once as the exporter checks every series.
         *
         * @throws IllegalArgumentException when it is not a valid label
         */
        public Builder externalLabel(String name, String value) {
            try {
                new SeriesRegistry(Map.of(name, value));
            } catch (IllegalArgumentException e) {
                throw new InvalidSetting(e.getMessage(), "is not a valid label (" + e.getMessage() + ")");
            }
            externalLabels.put(name, value);
            return this;
        }

        public Builder shards(int count) {
            shards = SHARDS_RANGE.require("shards", count);
            return this;
        }

        public Builder samplesPerShard(int count) {
            samplesPerShard = SAMPLES_PER_SHARD_RANGE.require("samples per shard", count);
            return this;
        }

        public Builder batchMaxSamples(int count) {
            batchMaxSamples = BATCH_MAX_SAMPLES_RANGE.require("batch max samples", count);
            return this;
        }

        public Builder batchMaxDelay(Duration delay) {
            batchMaxDelay = requirePositive("batch max delay", delay);
            return this;
        }

        /** How often the exporter reports its own {@code remora_*} metrics. */
        public Builder selfMetricsInterval(Duration interval) {
            selfMetricsInterval = requirePositive("self-metrics interval", interval);
            return this;
        }

        /** How long {@link Exporter#close()} may spend sending what is still in memory. */
        public Builder shutdownTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("shutdown timeout must not be negative, got " + timeout);
            }
            shutdownTimeout = timeout;
            return this;
        }

        /**
         * Spools requests on disk while an endpoint is down or slow, and at close, each endpoint in
         * a subdirectory of {@code dir} named after it; past {@code maxBytes} or {@code maxAge} the
         * oldest are dropped.
         *
         * @throws IllegalArgumentException when a limit is not positive
         * @see SpoolSettings#DEFAULT_MAX_BYTES
         */
        public Builder spool(Path dir, long maxBytes, Duration maxAge) {
            spool = new SpoolSettings(dir, maxBytes, maxAge);
            return this;
        }

        /** @throws IllegalArgumentException when no endpoint was given */
        public ExporterConfig build() {
            if (endpoints.isEmpty()) {
                throw new IllegalArgumentException("at least one endpoint is needed");
            }
            return new ExporterConfig(this);
        }

        private static Duration requirePositive(String what, Duration value) {
            if (value.isZero() || value.isNegative()) {
                throw new InvalidSetting(what + " must be positive, got " + value, "must be more than 0");
            }
            return value;
        }
    }
}
