package io.remora.agent.config;

import io.remora.log.Log;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The checked configuration. Every value here is valid: what was wrong has been reported and
 * replaced by its default or left out, and {@link #exportEnabled()} is false when nothing can be
 * sent at all. Filled in by {@link ConfigLoader} only.
 */
public final class AgentConfig {

    List<URI> endpoints;
    Duration interval;
    String job;
    String instance;
    Map<String, String> labels;
    Map<String, String> headers;
    Path bearerTokenFile;
    String basicUser;
    Path basicPasswordFile;
    Path caFile;
    boolean insecureTls;
    Integer batchMaxSamples;
    Duration batchMaxDelay;
    Integer shards;
    Integer bufferSamples;
    Duration timeout;
    Duration minBackoff;
    Duration maxBackoff;
    Path spoolDir;
    long spoolMaxSize;
    Duration spoolMaxAge;
    Map<String, Boolean> instrumentations;
    List<String> methods;
    Log.Level logLevel;
    boolean exportEnabled;

    AgentConfig() {
    }

    /** False when no endpoint is usable or a setting every endpoint depends on is bad. */
    public boolean exportEnabled() {
        return exportEnabled;
    }

    public List<URI> endpoints() {
        return Collections.unmodifiableList(endpoints);
    }

    public Duration interval() {
        return interval;
    }

    public String job() {
        return job;
    }

    /** Empty: the default {@code host:pid}, resolved on the agent thread (host names may need DNS). */
    public Optional<String> instance() {
        return Optional.ofNullable(instance);
    }

    /** Extra labels from {@code remora.labels}, without job and instance. */
    public Map<String, String> labels() {
        return Collections.unmodifiableMap(labels);
    }

    public Map<String, String> headers() {
        return Collections.unmodifiableMap(headers);
    }

    public Optional<Path> bearerTokenFile() {
        return Optional.ofNullable(bearerTokenFile);
    }

    /** Set together with {@link #basicPasswordFile()}, or neither is. */
    public Optional<String> basicUser() {
        return Optional.ofNullable(basicUser);
    }

    public Optional<Path> basicPasswordFile() {
        return Optional.ofNullable(basicPasswordFile);
    }

    public Optional<Path> caFile() {
        return Optional.ofNullable(caFile);
    }

    public boolean insecureTls() {
        return insecureTls;
    }

    /** Empty: the exporter's default, chosen by benchmark. */
    public OptionalInt batchMaxSamples() {
        return batchMaxSamples == null ? OptionalInt.empty() : OptionalInt.of(batchMaxSamples);
    }

    public Duration batchMaxDelay() {
        return batchMaxDelay;
    }

    /** Empty: the exporter's default, chosen by benchmark. */
    public OptionalInt shards() {
        return shards == null ? OptionalInt.empty() : OptionalInt.of(shards);
    }

    /** Empty: the exporter's default, chosen by benchmark. */
    public OptionalInt bufferSamples() {
        return bufferSamples == null ? OptionalInt.empty() : OptionalInt.of(bufferSamples);
    }

    public Duration timeout() {
        return timeout;
    }

    public Duration minBackoff() {
        return minBackoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** Empty when the spool directory is unusable: samples then stay in memory only. */
    public Optional<Path> spoolDir() {
        return Optional.ofNullable(spoolDir);
    }

    public long spoolMaxSize() {
        return spoolMaxSize;
    }

    public Duration spoolMaxAge() {
        return spoolMaxAge;
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
        return Collections.unmodifiableList(methods);
    }

    public Log.Level logLevel() {
        return logLevel;
    }
}
