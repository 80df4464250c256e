package io.remora.agent.config;

import io.remora.exporter.ExporterConfig;
import io.remora.exporter.send.EndpointConfig;
import io.remora.exporter.spool.SpoolSettings;
import io.remora.log.Log;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The checked configuration: the exporter's, as its builders accepted it, and the settings only the
 * agent reads. Every value here is valid: what was wrong has been reported and replaced by its
 * default or left out. Nothing is held twice: the exporter's values are read from its configuration,
 * which exists only when {@link #exportEnabled()}. Made by {@link ConfigLoader} only.
 */
public final class AgentConfig {

    private final ExporterConfig exporter;
    /** The directory the exporter's spool settings name, with what its check needs; null without. */
    private final SpoolDirectory spoolDirectory;
    private final Map<String, Boolean> instrumentations;
    private final List<String> methods;
    private final Log.Level logLevel;

    AgentConfig(ExporterConfig exporter, SpoolDirectory spoolDirectory, Map<String, Boolean> instrumentations,
            List<String> methods, Log.Level logLevel) {
        this.exporter = exporter;
        this.spoolDirectory = spoolDirectory;
        this.instrumentations = Collections.unmodifiableMap(new LinkedHashMap<>(instrumentations));
        this.methods = List.copyOf(methods);
        this.logLevel = logLevel;
    }

    /** False when no endpoint is usable or a setting every endpoint depends on is bad. */
    public boolean exportEnabled() {
        return exporter != null;
    }

    /**
     * The exporter's configuration, with {@code job}, {@code remora.instance} when given and
     * {@code remora.labels} as external labels; null when export is disabled.
     */
    public ExporterConfig exporter() {
        return exporter;
    }

    /** {@code remora.instrumentation.<name>.enabled}. */
    public boolean instrumentationEnabled(String name) {
        Boolean enabled = instrumentations.get(name);
        if (enabled == null) {
            throw new IllegalArgumentException("no instrumentation named " + name);
        }
        return enabled;
    }

    /** {@code com.acme.Svc#handle}, {@code com.acme.Repo#*}. */
    public List<String> methods() {
        return methods;
    }

    public Log.Level logLevel() {
        return logLevel;
    }

    // --- views of the exporter's configuration: only while export is enabled ----------------

    public List<URI> endpoints() {
        List<URI> urls = new ArrayList<>();
        for (EndpointConfig endpoint : exporter.endpoints()) {
            urls.add(endpoint.url());
        }
        return urls;
    }

    /** How often meters are collected, which is also how often the exporter reports on itself. */
    public Duration interval() {
        return exporter.selfMetricsInterval();
    }

    public String job() {
        return exporter.externalLabels().get("job");
    }

    /** Empty: the default {@code host:pid}, resolved on the agent thread (host names may need DNS). */
    public Optional<String> instance() {
        return Optional.ofNullable(exporter.externalLabels().get("instance"));
    }

    /** Extra labels from {@code remora.labels}, without job and instance. */
    public Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>(exporter.externalLabels());
        labels.remove("job");
        labels.remove("instance");
        return labels;
    }

    public Map<String, String> headers() {
        return endpoint().headers();
    }

    public Optional<Path> bearerTokenFile() {
        return Optional.ofNullable(endpoint().bearerTokenFile());
    }

    /** Set together with {@link #basicPasswordFile()}, or neither is. */
    public Optional<String> basicUser() {
        return Optional.ofNullable(endpoint().basicAuthUser());
    }

    public Optional<Path> basicPasswordFile() {
        return Optional.ofNullable(endpoint().basicAuthPasswordFile());
    }

    public Optional<Path> caFile() {
        return Optional.ofNullable(endpoint().caFile());
    }

    public boolean insecureTls() {
        return endpoint().insecureTls();
    }

    /** Empty: the exporter's default, chosen by benchmark. */
    public OptionalInt batchMaxSamples() {
        return unlessDefault(exporter.batchMaxSamples(), ExporterConfig.DEFAULT_BATCH_MAX_SAMPLES);
    }

    public Duration batchMaxDelay() {
        return exporter.batchMaxDelay();
    }

    /** Empty: the exporter's default, chosen by benchmark. */
    public OptionalInt shards() {
        return unlessDefault(exporter.shards(), ExporterConfig.DEFAULT_SHARDS);
    }

    /** Empty: the exporter's default, chosen by benchmark. */
    public OptionalInt bufferSamples() {
        return unlessDefault(exporter.samplesPerShard(), ExporterConfig.DEFAULT_SAMPLES_PER_SHARD);
    }

    public Duration timeout() {
        return endpoint().timeout();
    }

    public Duration minBackoff() {
        return endpoint().minBackoff();
    }

    public Duration maxBackoff() {
        return endpoint().maxBackoff();
    }

    /**
     * Empty when {@code remora.spool.dir} is not a path. Neither created nor checked yet: see
     * {@link #spoolDirectory()}.
     */
    public Optional<Path> spoolDir() {
        return exporter.spool() == null ? Optional.empty() : Optional.of(exporter.spool().directory());
    }

    /** To create and check on the agent thread, before the exporter starts; empty with {@link #spoolDir()}. */
    public Optional<SpoolDirectory> spoolDirectory() {
        return exporter == null ? Optional.empty() : Optional.ofNullable(spoolDirectory);
    }

    /** Only while {@link #spoolDir()} is present, as the limit holds only for a spool. */
    public long spoolMaxSize() {
        return spool().maxBytes();
    }

    /** Only while {@link #spoolDir()} is present. */
    public Duration spoolMaxAge() {
        return spool().maxAge();
    }

    /** Every endpoint shares the settings besides its URL. */
    private EndpointConfig endpoint() {
        return exporter.endpoints().get(0);
    }

    private SpoolSettings spool() {
        return exporter.spool();
    }

    private static OptionalInt unlessDefault(int value, int defaultValue) {
        return value == defaultValue ? OptionalInt.empty() : OptionalInt.of(value);
    }
}
