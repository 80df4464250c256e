package io.remora.agent.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Every setting name the agent knows, as DESIGN.md's configuration table lists them. */
public final class Settings {

    public static final String PREFIX = "remora.";

    public static final String CONFIG = "remora.config";
    public static final String ENDPOINT = "remora.endpoint";
    public static final String INTERVAL = "remora.interval";
    public static final String JOB = "remora.job";
    public static final String INSTANCE = "remora.instance";
    public static final String LABELS = "remora.labels";
    public static final String HEADERS = "remora.headers";
    public static final String BEARER_FILE = "remora.auth.bearer-file";
    public static final String BASIC_USER = "remora.auth.basic-user";
    public static final String BASIC_PASSWORD_FILE = "remora.auth.basic-password-file";
    public static final String TLS_CA_FILE = "remora.tls.ca-file";
    public static final String TLS_INSECURE = "remora.tls.insecure";
    public static final String BATCH_MAX_SAMPLES = "remora.batch.max-samples";
    public static final String BATCH_MAX_DELAY = "remora.batch.max-delay";
    public static final String SHARDS = "remora.shards";
    public static final String BUFFER_SAMPLES = "remora.buffer.samples";
    public static final String TIMEOUT = "remora.timeout";
    public static final String RETRY_MIN_BACKOFF = "remora.retry.min-backoff";
    public static final String RETRY_MAX_BACKOFF = "remora.retry.max-backoff";
    public static final String SPOOL_DIR = "remora.spool.dir";
    public static final String SPOOL_MAX_SIZE = "remora.spool.max-size";
    public static final String SPOOL_MAX_AGE = "remora.spool.max-age";
    public static final String METHODS = "remora.methods";
    public static final String LOG_LEVEL = "remora.log.level";

    /** The instrumentations that {@code remora.instrumentation.<name>.enabled} switches. */
    public static final List<String> INSTRUMENTATIONS =
            List.of("jvm", "http-server", "http-client", "jdbc", "redis", "messaging", "executor", "logging", "methods",
                    "micrometer");

    public static final List<String> ALL = allNames();

    private Settings() {
    }

    public static String instrumentationEnabled(String instrumentation) {
        return PREFIX + "instrumentation." + instrumentation + ".enabled";
    }

    public static boolean isKnown(String name) {
        return ALL.contains(name);
    }

    /** {@code remora.auth.bearer-file} is read from {@code REMORA_AUTH_BEARER_FILE}. */
    public static String environmentName(String name) {
        return name.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static List<String> allNames() {
        List<String> names = new ArrayList<>(List.of(CONFIG, ENDPOINT, INTERVAL, JOB, INSTANCE, LABELS,
                HEADERS, BEARER_FILE, BASIC_USER, BASIC_PASSWORD_FILE, TLS_CA_FILE, TLS_INSECURE,
                BATCH_MAX_SAMPLES, BATCH_MAX_DELAY, SHARDS, BUFFER_SAMPLES, TIMEOUT, RETRY_MIN_BACKOFF,
                RETRY_MAX_BACKOFF, SPOOL_DIR, SPOOL_MAX_SIZE, SPOOL_MAX_AGE, METHODS, LOG_LEVEL));
        for (String instrumentation : INSTRUMENTATIONS) {
            names.add(instrumentationEnabled(instrumentation));
        }
        return Collections.unmodifiableList(names);
    }
}
