package io.remora.agent.config;

import io.remora.exporter.ExporterConfig;
import io.remora.exporter.IntRange;
import io.remora.exporter.send.EndpointConfig;
import io.remora.exporter.send.EndpointFiles;
import io.remora.exporter.send.EndpointRules;
import io.remora.exporter.setting.InvalidSetting;
import io.remora.exporter.spool.SpoolSettings;
import io.remora.log.Log;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Reads every setting from its sources in order of precedence (system property, agent argument,
 * environment variable, the {@code remora.config} file, default), turns each value into a call on
 * the exporter's builders ({@link ExporterConfig.Builder}, {@link EndpointConfig.Builder}), which
 * own the rules and defaults, and reports each value they refuse as exactly one line
 * {@code <name>=<value>: <what is wrong>; <what happens instead>}. A bad value never throws: it
 * falls back to its default or switches off what depends on it. Rules that tie two settings
 * together ({@link EndpointRules}) and the files the sender reads ({@link EndpointFiles}) are the
 * exporter's too, asked before the call so that the right setting is blamed.
 */
public final class ConfigLoader {

    /** The outcome: the configuration, the lines to report, and the effective values for debug. */
    public static final class Result {
        private final AgentConfig config;
        private final List<String> problems;
        private final List<String> effective;

        Result(AgentConfig config, List<String> problems, List<String> effective) {
            this.config = config;
            this.problems = List.copyOf(problems);
            this.effective = List.copyOf(effective);
        }

        public AgentConfig config() {
            return config;
        }

        /** One line per bad value, without the {@code remora: } prefix the log adds. */
        public List<String> problems() {
            return problems;
        }

        /** One line per setting: its effective value (secrets masked) and where it came from. */
        public List<String> effective() {
            return effective;
        }
    }

    static final String DEFAULT_ENDPOINT = "http://localhost:9090/api/v1/write";

    private final Properties systemProperties;
    private final Report report = new Report();
    private final Sources sources;
    /** The process is going away at close: so are its series. */
    private final ExporterConfig.Builder exporter = ExporterConfig.builder().staleAtClose(true);
    /** What every endpoint shares; built once per URL at the end. */
    private EndpointConfig.Builder endpoint;
    private boolean exportEnabled = true;

    /**
     * @param systemProperties the JVM's system properties (also read: {@code sun.java.command},
     *     {@code java.io.tmpdir})
     * @param agentArguments what followed {@code =} in {@code -javaagent:remora-agent.jar=...}, or null
     * @param environment the process environment
     */
    public ConfigLoader(Properties systemProperties, String agentArguments, Map<String, String> environment) {
        this.systemProperties = systemProperties;
        sources = new Sources(systemProperties, agentArguments, environment, report);
    }

    public Result load() {
        sources.addConfigFile();
        sources.reportUnknownNames();
        Log.Level logLevel = logLevel();
        List<URI> urls = endpoints();
        endpoint = EndpointConfig.builder(urls.isEmpty() ? URI.create(DEFAULT_ENDPOINT) : urls.get(0));
        duration(Settings.INTERVAL, ExporterConfig.DEFAULT_SELF_METRICS_INTERVAL);
        String job = labelValue(Settings.JOB, JavaCommand.jobName(systemProperties.getProperty("sun.java.command")));
        labelValue(Settings.INSTANCE, null);
        pairs(Settings.LABELS, "label");
        authentication(); // before the headers: with it, Authorization is not theirs to set
        pairs(Settings.HEADERS, "header");
        Path caFile = endpointFile(Settings.TLS_CA_FILE);
        if (caFile != null) {
            endpoint.caFile(caFile);
        }
        insecureTls(caFile != null);
        count(Settings.BATCH_MAX_SAMPLES, ExporterConfig.BATCH_MAX_SAMPLES_RANGE);
        duration(Settings.BATCH_MAX_DELAY, ExporterConfig.DEFAULT_BATCH_MAX_DELAY);
        count(Settings.SHARDS, ExporterConfig.SHARDS_RANGE);
        count(Settings.BUFFER_SAMPLES, ExporterConfig.SAMPLES_PER_SHARD_RANGE);
        duration(Settings.TIMEOUT, EndpointConfig.DEFAULT_TIMEOUT);
        backoff();
        SpoolDirectory spoolDirectory = spool(job);
        Map<String, Boolean> instrumentations = new LinkedHashMap<>();
        for (String instrumentation : Settings.INSTRUMENTATIONS) {
            instrumentations.put(instrumentation, bool(Settings.instrumentationEnabled(instrumentation), true));
        }
        List<String> methods = MethodNames.read(sources.find(Settings.METHODS), report);
        ExporterConfig built = exportEnabled && !urls.isEmpty() ? build(urls) : null;
        AgentConfig config = new AgentConfig(built, spoolDirectory, instrumentations, methods, logLevel);
        return new Result(config, report.problems(), report.effective());
    }

    /** One endpoint per URL, each with the settings they share. */
    private ExporterConfig build(List<URI> urls) {
        for (URI url : urls) {
            exporter.endpoint(endpoint.url(url).build());
        }
        return exporter.build();
    }

    /**
     * Hands one parsed value to the builder whose rule it must pass.
     *
     * @throws IllegalArgumentException as the builder refuses it
     */
    private void apply(String name, Object value) {
        switch (name) {
            case Settings.INTERVAL:
                exporter.selfMetricsInterval((Duration) value);
                break;
            case Settings.BATCH_MAX_DELAY:
                exporter.batchMaxDelay((Duration) value);
                break;
            case Settings.BATCH_MAX_SAMPLES:
                exporter.batchMaxSamples((Integer) value);
                break;
            case Settings.SHARDS:
                exporter.shards((Integer) value);
                break;
            case Settings.BUFFER_SAMPLES:
                exporter.samplesPerShard((Integer) value);
                break;
            case Settings.TIMEOUT:
                endpoint.timeout((Duration) value);
                break;
            case Settings.RETRY_MIN_BACKOFF:
                endpoint.minBackoff((Duration) value);
                break;
            case Settings.RETRY_MAX_BACKOFF:
                endpoint.maxBackoff((Duration) value);
                break;
            case Settings.SPOOL_MAX_SIZE:
                SpoolSettings.requireMaxBytes((Long) value);
                break;
            case Settings.SPOOL_MAX_AGE:
                SpoolSettings.requireMaxAge((Duration) value);
                break;
            default:
                throw new IllegalStateException("no builder takes " + name);
        }
    }

    // --- settings --------------------------------------------------------------------------

    private Log.Level logLevel() {
        ConfigSource.Entry entry = sources.find(Settings.LOG_LEVEL);
        Log.Level level = Log.Level.INFO;
        if (entry != null) {
            try {
                level = Log.Level.valueOf(entry.value().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                report.problem(entry, "not one of debug, info, warn, error, off; using default info");
                entry = null;
            }
        }
        report.record(Settings.LOG_LEVEL, level.name().toLowerCase(Locale.ROOT), entry);
        return level;
    }

    private List<URI> endpoints() {
        ConfigSource.Entry entry = sources.find(Settings.ENDPOINT);
        String value = entry == null ? DEFAULT_ENDPOINT : entry.value();
        List<URI> endpoints = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        for (String piece : value.split(",")) {
            String text = piece.trim();
            if (text.isEmpty()) {
                continue;
            }
            try {
                URI url = new URI(text);
                EndpointConfig.builder(url); // the sender's check of the URL
                endpoints.add(url);
                shown.add(text); // no credentials: a URL with them is refused
            } catch (URISyntaxException | IllegalArgumentException e) {
                String wrong = e instanceof URISyntaxException
                        ? "is not a URL (" + ((URISyntaxException) e).getReason() + ")"
                        : InvalidSetting.problemOf((IllegalArgumentException) e);
                report.problem(entry, "'" + Masking.value(Settings.ENDPOINT, text) + "' " + wrong
                        + "; that endpoint is dropped");
            }
        }
        if (endpoints.isEmpty() && value.isBlank()) {
            report.problem(entry, "no endpoint given; export disabled");
        }
        report.record(Settings.ENDPOINT, String.join(",", shown), entry);
        return endpoints;
    }

    /**
     * remora.job and remora.instance, the values of the labels of those names. Null default: decided
     * later (the instance's host:pid, resolved on the agent thread).
     */
    private String labelValue(String name, String defaultValue) {
        ConfigSource.Entry entry = sources.find(name);
        String label = name.substring(Settings.PREFIX.length());
        if (entry != null) {
            try {
                if (entry.value().isEmpty()) {
                    throw new IllegalArgumentException("must not be empty");
                }
                exporter.externalLabel(label, entry.value());
            } catch (IllegalArgumentException e) {
                report.problem(entry, InvalidSetting.problemOf(e) + "; using the default");
                entry = null;
            }
        }
        if (entry == null && defaultValue != null) {
            exporter.externalLabels(Map.of(label, defaultValue));
        }
        String value = entry != null ? entry.value() : defaultValue;
        report.record(name, value != null ? value : "host:pid", entry);
        return value;
    }

    /**
     * {@code k=v,k2=v2} for remora.labels or remora.headers: each pair handed to its builder, each
     * one refused reported and dropped, the others kept.
     */
    private void pairs(String name, String what) {
        ConfigSource.Entry entry = sources.find(name);
        Map<String, String> accepted = new LinkedHashMap<>();
        for (String piece : entry == null ? new String[0] : entry.value().split(",")) {
            if (piece.isBlank()) {
                continue;
            }
            int equals = piece.indexOf('=');
            try {
                if (equals < 0) {
                    throw new IllegalArgumentException("is not " + what + "=value");
                }
                String key = piece.substring(0, equals).trim();
                String value = piece.substring(equals + 1).trim();
                if (name.equals(Settings.LABELS)) {
                    label(key, value, accepted);
                } else {
                    endpoint.header(key, value);
                }
                accepted.put(key, value);
            } catch (IllegalArgumentException e) {
                report.problem(entry, "'" + Masking.value(name, piece.trim()) + "' " + InvalidSetting.problemOf(e)
                        + "; that " + what + " is dropped");
            }
        }
        boolean maskable = name.equals(Settings.HEADERS) && !accepted.isEmpty(); // no headers: no regex in premain
        report.record(name, maskable ? Masking.value(name, join(accepted)) : join(accepted), entry);
    }

    /** What the agent keeps for itself first, then the exporter's check of a label. */
    private void label(String label, String value, Map<String, String> earlier) {
        if (label.startsWith("__")) {
            throw new IllegalArgumentException("is not a valid label (names starting with __ are for Prometheus itself)");
        }
        if (label.equals("job") || label.equals("instance")) {
            throw new IllegalArgumentException("sets " + label + " (use remora." + label + ")");
        }
        if (value.isEmpty()) {
            throw new IllegalArgumentException("has an empty value");
        }
        if (earlier.containsKey(label)) {
            throw new IllegalArgumentException("sets " + label + " again");
        }
        exporter.externalLabel(label, value);
    }

    private void authentication() {
        Path bearer = endpointFile(Settings.BEARER_FILE);
        if (bearer != null) {
            endpoint.bearerTokenFile(bearer);
        }
        ConfigSource.Entry user = sources.find(Settings.BASIC_USER);
        ConfigSource.Entry passwordFile = sources.find(Settings.BASIC_PASSWORD_FILE);
        Path password = endpointFile(Settings.BASIC_PASSWORD_FILE);
        String wrong = null;
        if (user != null && user.value().isEmpty()) {
            wrong = "must not be empty";
        } else if (user != null && passwordFile == null) {
            wrong = "needs " + Settings.BASIC_PASSWORD_FILE;
        } else if (user == null && passwordFile != null) {
            report.problem(passwordFile, "needs " + Settings.BASIC_USER + "; export disabled");
            exportEnabled = false;
        } else if (EndpointRules.authenticationsConflict(bearer != null, user != null)) {
            wrong = "conflicts with " + Settings.BEARER_FILE + " (use one)";
        } else if (user != null && password != null) {
            try {
                endpoint.basicAuth(user.value(), password);
            } catch (IllegalArgumentException e) {
                wrong = InvalidSetting.problemOf(e);
            }
        }
        if (wrong != null) {
            report.problem(user, wrong + "; export disabled");
            exportEnabled = false;
        }
        report.record(Settings.BASIC_USER, user == null ? "none" : user.value(), user);
    }

    /**
     * A file every endpoint depends on, read as the sender will read it: when it cannot be read or
     * does not hold what it should, export is disabled.
     */
    private Path endpointFile(String name) {
        ConfigSource.Entry entry = sources.find(name);
        Path path = null;
        if (entry != null) {
            String wrong = null;
            try {
                path = Paths.get(entry.value());
                if (entry.value().isEmpty() || Files.isDirectory(path)) {
                    throw new IOException("not a file");
                }
                if (name.equals(Settings.TLS_CA_FILE)) {
                    EndpointFiles.certificates(path);
                } else {
                    EndpointFiles.secret(path);
                }
            } catch (IOException | InvalidPathException e) {
                wrong = "cannot read it (" + Report.describe(e) + ")";
            } catch (IllegalArgumentException e) {
                wrong = e.getMessage();
            }
            if (wrong != null) {
                report.problem(entry, wrong + "; export disabled");
                exportEnabled = false;
                path = null;
            }
        }
        report.record(name, path == null ? "none" : path.toString(), entry);
        return path;
    }

    /** Insecure TLS would ignore a CA file: with one, the CA file wins and the check stays on. */
    private void insecureTls(boolean caFile) {
        boolean insecure = bool(Settings.TLS_INSECURE, false);
        if (EndpointRules.tlsTrustConflicts(caFile, insecure)) {
            report.problem(sources.find(Settings.TLS_INSECURE), "conflicts with " + Settings.TLS_CA_FILE
                    + ", which it would ignore; using false");
        } else {
            endpoint.insecureTls(insecure);
        }
    }

    private boolean bool(String name, boolean defaultValue) {
        ConfigSource.Entry entry = sources.find(name);
        boolean value = defaultValue;
        if (entry != null) {
            if (entry.value().equalsIgnoreCase("true") || entry.value().equalsIgnoreCase("false")) {
                value = Boolean.parseBoolean(entry.value());
            } else {
                report.problem(entry, "not true or false; using default " + defaultValue);
                entry = null;
            }
        }
        report.record(name, Boolean.toString(value), entry);
        return value;
    }

    /** The builder's range is the one rule; it is quoted when a value fails to parse too. */
    private void count(String name, IntRange range) {
        ConfigSource.Entry entry = sources.find(name);
        Integer value = null;
        if (entry != null) {
            try {
                value = Integer.valueOf(entry.value());
                apply(name, value);
            } catch (IllegalArgumentException e) { // NumberFormatException is one
                report.problem(entry, "not a whole number " + range + "; using the exporter's default");
                entry = null;
                value = null;
            }
        }
        report.record(name, value == null ? "exporter default" : value.toString(), entry);
    }

    private Duration duration(String name, Duration defaultValue) {
        return (Duration) scalar(name, defaultValue, Units.formatDuration(defaultValue));
    }

    private long size(String name, long defaultValue) {
        return (Long) scalar(name, defaultValue, Units.formatSize(defaultValue));
    }

    /** A duration or a size, parsed with its unit and handed to its builder; its default when refused. */
    private Object scalar(String name, Object defaultValue, String defaultText) {
        ConfigSource.Entry entry = sources.find(name);
        Object value = defaultValue;
        if (entry != null) {
            try {
                Object parsed = defaultValue instanceof Duration ? Units.parseDuration(entry.value())
                        : (Object) Units.parseSize(entry.value());
                apply(name, parsed);
                value = parsed;
            } catch (IllegalArgumentException e) {
                report.problem(entry, InvalidSetting.problemOf(e) + "; using default " + defaultText);
                entry = null;
            }
        }
        report.record(name, value instanceof Duration ? Units.formatDuration((Duration) value)
                : Units.formatSize((Long) value), entry);
        return value;
    }

    /** Each bound alone, then their order: out of order, both fall back together. */
    private void backoff() {
        Duration min = duration(Settings.RETRY_MIN_BACKOFF, EndpointConfig.DEFAULT_MIN_BACKOFF);
        Duration max = duration(Settings.RETRY_MAX_BACKOFF, EndpointConfig.DEFAULT_MAX_BACKOFF);
        if (!EndpointRules.backoffInOrder(min, max)) {
            ConfigSource.Entry blamed = sources.find(Settings.RETRY_MAX_BACKOFF);
            report.problem(blamed != null ? blamed : sources.find(Settings.RETRY_MIN_BACKOFF), "less than "
                    + Settings.RETRY_MIN_BACKOFF + " " + Units.formatDuration(min) + "; using defaults "
                    + Units.formatDuration(EndpointConfig.DEFAULT_MIN_BACKOFF) + " and "
                    + Units.formatDuration(EndpointConfig.DEFAULT_MAX_BACKOFF));
            endpoint.minBackoff(EndpointConfig.DEFAULT_MIN_BACKOFF).maxBackoff(EndpointConfig.DEFAULT_MAX_BACKOFF);
        }
    }

    /** The directory (only resolved: it is created on the agent thread), then its limits. */
    private SpoolDirectory spool(String job) {
        SpoolDirectory dir = SpoolDirectory.resolve(sources.find(Settings.SPOOL_DIR),
                systemProperties.getProperty("java.io.tmpdir"), job, report);
        long maxBytes = size(Settings.SPOOL_MAX_SIZE, SpoolSettings.DEFAULT_MAX_BYTES);
        Duration maxAge = duration(Settings.SPOOL_MAX_AGE, SpoolSettings.DEFAULT_MAX_AGE);
        if (dir != null) {
            exporter.spool(dir.path(), maxBytes, maxAge);
        }
        return dir;
    }

    private static String join(Map<String, String> pairs) {
        if (pairs.isEmpty()) {
            return "none";
        }
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> pair : pairs.entrySet()) {
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(pair.getKey()).append('=').append(pair.getValue());
        }
        return text.toString();
    }
}
