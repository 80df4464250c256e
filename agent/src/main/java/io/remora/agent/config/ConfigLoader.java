package io.remora.agent.config;

import io.remora.exporter.ExporterConfig;
import io.remora.exporter.IntRange;
import io.remora.exporter.send.EndpointFiles;
import io.remora.exporter.send.EndpointRules;
import io.remora.exporter.send.HeaderRule;
import io.remora.exporter.series.InvalidSeriesException;
import io.remora.exporter.series.SeriesRegistry;
import io.remora.exporter.spool.PrivateDirectory;
import io.remora.exporter.spool.UnsafeDirectoryException;
import io.remora.log.Log;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Reads every setting from its sources in order of precedence (system property, agent argument,
 * environment variable, the {@code remora.config} file, default), checks each value and reports
 * each bad one as exactly one line {@code <name>=<value>: <what is wrong>; <what happens instead>}.
 * A bad value never throws: it falls back to its default or switches off what depends on it.
 * Whatever the exporter checks is checked here by the exporter's own rules ({@link HeaderRule},
 * {@link EndpointRules}, {@link EndpointFiles}, {@link ExporterConfig}'s ranges, its external-label
 * check), so that building the exporter from what this accepts cannot fail.
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

    /**
     * Compiled when remora.methods is set: the regex engine's first use costs premain about 3 ms,
     * which every application would pay.
     */
    private static final class Syntax {
        static final Pattern METHOD =
                Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*#([A-Za-z_$][\\w$]*|\\*)");
    }

    private final Properties systemProperties;
    private final List<ConfigSource> sources = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> effective = new ArrayList<>();

    /**
     * @param systemProperties the JVM's system properties (also read: {@code sun.java.command},
     *     {@code java.io.tmpdir})
     * @param agentArguments what followed {@code =} in {@code -javaagent:remora-agent.jar=...}, or null
     * @param environment the process environment
     */
    public ConfigLoader(Properties systemProperties, String agentArguments, Map<String, String> environment) {
        this.systemProperties = systemProperties;
        sources.add(ConfigSource.systemProperties(systemProperties));
        sources.add(ConfigSource.agentArguments(agentArguments));
        sources.add(ConfigSource.environment(environment));
    }

    public Result load() {
        addConfigFile();
        reportUnknownNames();
        AgentConfig config = new AgentConfig();
        config.exportEnabled = true;
        config.logLevel = logLevel();
        config.endpoints = endpoints(config);
        config.interval = positiveDuration(Settings.INTERVAL, "15s");
        config.job = labelValue(Settings.JOB, JavaCommand.jobName(systemProperties.getProperty("sun.java.command")));
        config.instance = labelValue(Settings.INSTANCE, null);
        config.labels = pairs(Settings.LABELS, "label", config);
        authentication(config); // before the headers: with it, Authorization is not theirs to set
        config.headers = pairs(Settings.HEADERS, "header", config);
        config.caFile = endpointFile(Settings.TLS_CA_FILE, config);
        config.insecureTls = insecureTls(config.caFile != null);
        config.batchMaxSamples = wholeNumber(Settings.BATCH_MAX_SAMPLES, ExporterConfig.BATCH_MAX_SAMPLES_RANGE);
        config.batchMaxDelay = positiveDuration(Settings.BATCH_MAX_DELAY, "5s");
        config.shards = wholeNumber(Settings.SHARDS, ExporterConfig.SHARDS_RANGE);
        config.bufferSamples = wholeNumber(Settings.BUFFER_SAMPLES, ExporterConfig.SAMPLES_PER_SHARD_RANGE);
        config.timeout = positiveDuration(Settings.TIMEOUT, "30s");
        backoff(config);
        config.spoolDir = spoolDir(config.job);
        config.spoolMaxSize = positiveSize(Settings.SPOOL_MAX_SIZE, "1GiB");
        config.spoolMaxAge = positiveDuration(Settings.SPOOL_MAX_AGE, "2h");
        config.instrumentations = new LinkedHashMap<>();
        for (String instrumentation : Settings.INSTRUMENTATIONS) {
            config.instrumentations.put(instrumentation, bool(Settings.instrumentationEnabled(instrumentation), true));
        }
        config.methods = methods();
        return new Result(config, problems, effective);
    }

    // --- sources ---------------------------------------------------------------------------

    private void addConfigFile() {
        ConfigSource.Entry entry = find(Settings.CONFIG);
        if (entry == null) {
            record(Settings.CONFIG, "none", null);
            return;
        }
        record(Settings.CONFIG, entry.value(), entry);
        try {
            sources.add(ConfigSource.propertiesFile(Paths.get(entry.value())));
        } catch (IOException | IllegalArgumentException e) { // a bad path, or a malformed Unicode escape in it
            problem(entry, "cannot read it (" + describe(e) + "); file ignored");
        }
    }

    private void reportUnknownNames() {
        for (ConfigSource source : sources) {
            for (ConfigSource.Entry entry : source.unknown()) {
                problem(entry, "unknown setting (did you mean " + NearestName.among(entry.name(), Settings.ALL)
                        + "?); ignored");
            }
        }
    }

    /** The entry from the source of highest precedence that holds the setting, or null. */
    private ConfigSource.Entry find(String name) {
        for (ConfigSource source : sources) {
            ConfigSource.Entry entry = source.get(name);
            if (entry != null) {
                return entry;
            }
        }
        return null;
    }

    // --- settings --------------------------------------------------------------------------

    private Log.Level logLevel() {
        ConfigSource.Entry entry = find(Settings.LOG_LEVEL);
        Log.Level level = Log.Level.INFO;
        if (entry != null) {
            try {
                level = Log.Level.valueOf(entry.value().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problem(entry, "not one of debug, info, warn, error, off; using default info");
                entry = null;
            }
        }
        record(Settings.LOG_LEVEL, level.name().toLowerCase(Locale.ROOT), entry);
        return level;
    }

    private List<URI> endpoints(AgentConfig config) {
        ConfigSource.Entry entry = find(Settings.ENDPOINT);
        String value = entry == null ? DEFAULT_ENDPOINT : entry.value();
        List<URI> endpoints = new ArrayList<>();
        for (String piece : value.split(",")) {
            String text = piece.trim();
            if (text.isEmpty()) {
                continue;
            }
            String wrong = endpointProblem(text);
            if (wrong == null) {
                endpoints.add(URI.create(text));
            } else {
                String shown = Masking.value(Settings.ENDPOINT, text);
                problem(entry, "'" + shown + "' " + wrong + "; that endpoint is dropped");
            }
        }
        if (endpoints.isEmpty()) {
            if (value.isBlank()) {
                problem(entry, "no endpoint given; export disabled");
            }
            config.exportEnabled = false;
        }
        List<String> shown = new ArrayList<>();
        for (URI endpoint : endpoints) {
            shown.add(endpoint.toString()); // no credentials: a URL with them is refused
        }
        record(Settings.ENDPOINT, String.join(",", shown), entry);
        return endpoints;
    }

    private static String endpointProblem(String text) {
        try {
            return EndpointRules.urlProblem(new URI(text));
        } catch (URISyntaxException e) {
            return "is not a URL (" + e.getReason() + ")";
        }
    }

    /**
     * remora.job and remora.instance, the values of the labels of those names. Null default: decided
     * later (the instance's host:pid, resolved on the agent thread).
     */
    private String labelValue(String name, String defaultValue) {
        ConfigSource.Entry entry = find(name);
        String wrong = entry == null ? null
                : entry.value().isEmpty() ? "must not be empty"
                : exporterLabelProblem(name.substring(Settings.PREFIX.length()), entry.value());
        if (wrong != null) {
            problem(entry, wrong + "; using the default");
            entry = null;
        }
        String value = entry != null ? entry.value() : defaultValue;
        record(name, value != null ? value : "host:pid", entry);
        return value;
    }

    /** {@code k=v,k2=v2}; each bad pair is reported and dropped, the good ones kept. */
    private Map<String, String> pairs(String name, String what, AgentConfig config) {
        ConfigSource.Entry entry = find(name);
        Map<String, String> pairs = new LinkedHashMap<>();
        if (entry != null) {
            for (String piece : entry.value().split(",")) {
                if (piece.isBlank()) {
                    continue;
                }
                int equals = piece.indexOf('=');
                String key = equals < 0 ? null : piece.substring(0, equals).trim();
                String value = equals < 0 ? null : piece.substring(equals + 1).trim();
                String wrong = key == null ? "is not " + what + "=value" : pairProblem(name, key, value, pairs, config);
                if (wrong == null) {
                    pairs.put(key, value);
                } else {
                    problem(entry, "'" + Masking.value(name, piece.trim()) + "' " + wrong + "; that " + what
                            + " is dropped");
                }
            }
        }
        boolean maskable = name.equals(Settings.HEADERS) && !pairs.isEmpty(); // no headers: no regex in premain
        record(name, maskable ? Masking.value(name, join(pairs)) : join(pairs), entry);
        return pairs;
    }

    private static String pairProblem(String name, String key, String value, Map<String, String> earlier,
            AgentConfig config) {
        if (name.equals(Settings.LABELS)) {
            return labelProblem(key, value, earlier);
        }
        boolean clientSetsAuthorization = config.bearerTokenFile != null || config.basicUser != null;
        return HeaderRule.problem(key, value, earlier.keySet(), clientSetsAuthorization);
    }

    /** The exporter's check of external labels first, then what the agent reserves for itself. */
    private static String labelProblem(String label, String value, Map<String, String> earlier) {
        String refused = exporterLabelProblem(label, value);
        if (refused != null) {
            return refused;
        }
        if (label.startsWith("__")) {
            return "is not a valid label (names starting with __ are for Prometheus itself)";
        }
        if (label.equals("job") || label.equals("instance")) {
            return "sets " + label + " (use remora." + label + ")";
        }
        if (value.isEmpty()) {
            return "has an empty value";
        }
        if (earlier.containsKey(label)) {
            return "sets " + label + " again";
        }
        return null;
    }

    /** The exporter's own check of the labels it adds to every series, so that the two cannot disagree. */
    private static String exporterLabelProblem(String label, String value) {
        try {
            new SeriesRegistry(Map.of(label, value));
            return null;
        } catch (InvalidSeriesException e) {
            return "is not a valid label (" + e.getMessage() + ")";
        }
    }

    private void authentication(AgentConfig config) {
        config.bearerTokenFile = endpointFile(Settings.BEARER_FILE, config);
        ConfigSource.Entry user = find(Settings.BASIC_USER);
        ConfigSource.Entry passwordFile = find(Settings.BASIC_PASSWORD_FILE);
        Path password = endpointFile(Settings.BASIC_PASSWORD_FILE, config);
        String userProblem = user == null ? null : EndpointRules.basicUserProblem(user.value());
        if (user != null && user.value().isEmpty()) {
            problem(user, "must not be empty; export disabled");
            config.exportEnabled = false;
        } else if (userProblem != null) {
            problem(user, userProblem + "; export disabled");
            config.exportEnabled = false;
        } else if (user != null && passwordFile == null) {
            problem(user, "needs " + Settings.BASIC_PASSWORD_FILE + "; export disabled");
            config.exportEnabled = false;
        } else if (user == null && passwordFile != null) {
            problem(passwordFile, "needs " + Settings.BASIC_USER + "; export disabled");
            config.exportEnabled = false;
        } else if (EndpointRules.authenticationsConflict(config.bearerTokenFile != null, user != null)) {
            problem(user, "conflicts with " + Settings.BEARER_FILE + " (use one); export disabled");
            config.exportEnabled = false;
        } else if (user != null && password != null) {
            config.basicUser = user.value();
            config.basicPasswordFile = password;
        }
        record(Settings.BASIC_USER, user == null ? "none" : user.value(), user);
    }

    /**
     * A file every endpoint depends on, read as the sender will read it: when it cannot be read or
     * does not hold what it should, export is disabled.
     */
    private Path endpointFile(String name, AgentConfig config) {
        ConfigSource.Entry entry = find(name);
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
                wrong = "cannot read it (" + describe(e) + ")";
            } catch (IllegalArgumentException e) {
                wrong = e.getMessage();
            }
            if (wrong != null) {
                problem(entry, wrong + "; export disabled");
                config.exportEnabled = false;
                path = null;
            }
        }
        record(name, path == null ? "none" : path.toString(), entry);
        return path;
    }

    /** Insecure TLS would ignore a CA file: with one, the CA file wins and the check stays on. */
    private boolean insecureTls(boolean caFile) {
        boolean insecure = bool(Settings.TLS_INSECURE, false);
        if (EndpointRules.tlsTrustConflicts(caFile, insecure)) {
            problem(find(Settings.TLS_INSECURE), "conflicts with " + Settings.TLS_CA_FILE
                    + ", which it would ignore; using false");
            return false;
        }
        return insecure;
    }

    private boolean bool(String name, boolean defaultValue) {
        ConfigSource.Entry entry = find(name);
        boolean value = defaultValue;
        if (entry != null) {
            if (entry.value().equalsIgnoreCase("true") || entry.value().equalsIgnoreCase("false")) {
                value = Boolean.parseBoolean(entry.value());
            } else {
                problem(entry, "not true or false; using default " + defaultValue);
                entry = null;
            }
        }
        record(name, Boolean.toString(value), entry);
        return value;
    }

    /** Null: left to the exporter's default. */
    private Integer wholeNumber(String name, IntRange range) {
        ConfigSource.Entry entry = find(name);
        Integer value = null;
        if (entry != null) {
            try {
                value = Integer.valueOf(entry.value());
                if (!range.contains(value)) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                problem(entry, "not a whole number " + range + "; using the exporter's default");
                entry = null;
                value = null;
            }
        }
        record(name, value == null ? "exporter default" : value.toString(), entry);
        return value;
    }

    private Duration positiveDuration(String name, String defaultText) {
        ConfigSource.Entry entry = find(name);
        Duration value = Units.parseDuration(defaultText);
        if (entry != null) {
            try {
                Duration parsed = Units.parseDuration(entry.value());
                if (parsed.isZero()) {
                    throw new IllegalArgumentException("must be more than 0");
                }
                value = parsed;
            } catch (IllegalArgumentException e) {
                problem(entry, e.getMessage() + "; using default " + defaultText);
                entry = null;
            }
        }
        record(name, Units.formatDuration(value), entry);
        return value;
    }

    private long positiveSize(String name, String defaultText) {
        ConfigSource.Entry entry = find(name);
        long value = Units.parseSize(defaultText);
        if (entry != null) {
            try {
                long parsed = Units.parseSize(entry.value());
                if (parsed == 0) {
                    throw new IllegalArgumentException("must be more than 0");
                }
                value = parsed;
            } catch (IllegalArgumentException e) {
                problem(entry, e.getMessage() + "; using default " + defaultText);
                entry = null;
            }
        }
        record(name, Units.formatSize(value), entry);
        return value;
    }

    private void backoff(AgentConfig config) {
        config.minBackoff = positiveDuration(Settings.RETRY_MIN_BACKOFF, "30ms");
        config.maxBackoff = positiveDuration(Settings.RETRY_MAX_BACKOFF, "5s");
        if (!EndpointRules.backoffInOrder(config.minBackoff, config.maxBackoff)) {
            ConfigSource.Entry max = find(Settings.RETRY_MAX_BACKOFF);
            ConfigSource.Entry blamed = max != null ? max : find(Settings.RETRY_MIN_BACKOFF);
            problem(blamed, "less than " + Settings.RETRY_MIN_BACKOFF + " " + Units.formatDuration(config.minBackoff)
                    + "; using defaults 30ms and 5s");
            config.minBackoff = Units.parseDuration("30ms");
            config.maxBackoff = Units.parseDuration("5s");
        }
    }

    /**
     * Null when the directory is refused (not private to this process's user: see
     * {@link PrivateDirectory}) or cannot be created or written: samples then stay in memory. Using
     * another directory instead would put the spool where the operator did not, outside the volume
     * and size they planned for, and where the next run would not find it. The default's shared
     * level {@code <tmp>/remora} is the agent's choice, so it is checked as well.
     */
    private Path spoolDir(String job) {
        ConfigSource.Entry entry = find(Settings.SPOOL_DIR);
        Path dir = null;
        try {
            if (entry != null) {
                dir = Paths.get(entry.value());
            } else {
                Path shared = Paths.get(systemProperties.getProperty("java.io.tmpdir"), "remora");
                dir = shared.resolve(JavaCommand.fileName(job));
                PrivateDirectory.create(shared);
            }
            PrivateDirectory.create(dir);
        } catch (IOException | InvalidPathException | SecurityException e) {
            String value = entry != null ? entry.value() : String.valueOf(dir);
            String problem = e instanceof UnsafeDirectoryException ? e.getMessage()
                    : "cannot write there (" + describe(e) + ")";
            problem(entry, Settings.SPOOL_DIR, value, problem + "; spool disabled, samples stay in memory");
            dir = null;
            entry = null;
        }
        record(Settings.SPOOL_DIR, dir == null ? "none" : dir.toString(), entry);
        return dir;
    }

    private List<String> methods() {
        ConfigSource.Entry entry = find(Settings.METHODS);
        List<String> methods = new ArrayList<>();
        if (entry != null) {
            for (String piece : entry.value().split(",")) {
                String method = piece.trim();
                if (method.isEmpty()) {
                    continue;
                }
                if (!Syntax.METHOD.matcher(method).matches()) {
                    problem(entry, "'" + method + "' is not Class#method or Class#*; that method is dropped");
                } else if (isJdkClass(method)) {
                    problem(entry, "'" + method + "' is in a JDK class, which the agent does not instrument;"
                            + " that method is dropped");
                } else {
                    methods.add(method);
                }
            }
        }
        record(Settings.METHODS, methods.isEmpty() ? "none" : String.join(",", methods), entry);
        return methods;
    }

    /** The JDK's own packages: instrumentation leaves them alone except for what a module allows. */
    private static boolean isJdkClass(String method) {
        return method.startsWith("java.") || method.startsWith("jdk.") || method.startsWith("sun.")
                || method.startsWith("com.sun.");
    }

    // --- reporting -------------------------------------------------------------------------

    private void problem(ConfigSource.Entry entry, String what) {
        problem(entry, entry == null ? null : entry.writtenName(), entry == null ? null : entry.value(), what);
    }

    private void problem(ConfigSource.Entry entry, String defaultName, String value, String what) {
        String name = entry != null ? entry.writtenName() : defaultName;
        String setting = entry != null ? entry.name() : defaultName;
        problems.add(OneLine.of(name + "=" + Masking.value(setting, value) + ": " + what));
    }

    private void record(String name, String value, ConfigSource.Entry entry) {
        effective.add("config " + name + "=" + value + " (" + (entry == null ? "default" : entry.origin()) + ")");
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

    private static String describe(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file is in the way";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
