package io.remora.agent.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * One place settings come from (system properties, agent arguments, environment, the properties
 * file), reduced to the {@code remora.*} entries it holds. Built from plain maps so that tests never
 * touch the real environment.
 */
public final class ConfigSource {

    /** One setting as a source holds it: the canonical name and the name the user wrote. */
    public static final class Entry {
        private final String name;
        private final String writtenName;
        private final String value;
        private final String origin;

        Entry(String name, String writtenName, String value, String origin) {
            this.name = name;
            this.writtenName = writtenName;
            this.value = value;
            this.origin = origin;
        }

        /** The canonical {@code remora.a.b-c} name, or the written name when it is not known. */
        public String name() {
            return name;
        }

        public String writtenName() {
            return writtenName;
        }

        public String value() {
            return value;
        }

        public String origin() {
            return origin;
        }
    }

    private final Map<String, Entry> known = new LinkedHashMap<>();
    private final List<Entry> unknown = new ArrayList<>();

    private ConfigSource() {
    }

    /** The entry for a canonical setting name, or null. */
    public Entry get(String name) {
        return known.get(name);
    }

    /** Entries whose name looks like ours but is not a known setting. */
    public List<Entry> unknown() {
        return Collections.unmodifiableList(unknown);
    }

    private void add(String writtenName, String canonicalName, String value, String origin) {
        Entry entry = new Entry(canonicalName, writtenName, value.trim(), origin);
        if (Settings.isKnown(canonicalName)) {
            known.put(canonicalName, entry);
        } else {
            unknown.add(entry);
        }
    }

    public static ConfigSource systemProperties(Properties properties) {
        ConfigSource source = new ConfigSource();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith(Settings.PREFIX)) {
                source.add(name, name, properties.getProperty(name), "system property");
            }
        }
        return source;
    }

    /** {@code REMORA_AUTH_BEARER_FILE} holds {@code remora.auth.bearer-file}. */
    public static ConfigSource environment(Map<String, String> environment) {
        Map<String, String> canonicalByEnvironmentName = new LinkedHashMap<>();
        for (String name : Settings.ALL) {
            canonicalByEnvironmentName.put(Settings.environmentName(name), name);
        }
        String ourPrefix = Settings.environmentName(Settings.PREFIX);
        ConfigSource source = new ConfigSource();
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            String name = variable.getKey();
            if (name.startsWith(ourPrefix)) {
                String canonical = canonicalByEnvironmentName.getOrDefault(name, name);
                source.add(name, canonical, variable.getValue(), "environment");
            }
        }
        return source;
    }

    /** The file named by {@code remora.config}: every key in it is expected to be a setting. */
    public static ConfigSource propertiesFile(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        ConfigSource source = new ConfigSource();
        for (String name : properties.stringPropertyNames()) {
            source.add(name, name, properties.getProperty(name), "file " + file);
        }
        return source;
    }

    /**
     * {@code -javaagent:remora-agent.jar=endpoint=http://a,http://b,interval=5s}: comma-separated
     * {@code key=value} pairs, the {@code remora.} prefix optional. Values may hold commas themselves
     * (endpoint lists, labels), so a piece starts a new setting only when its key is a known setting
     * or carries the {@code remora.} prefix; any other piece continues the previous value.
     */
    public static ConfigSource agentArguments(String arguments) {
        ConfigSource source = new ConfigSource();
        if (arguments == null || arguments.isBlank()) {
            return source;
        }
        String key = null;
        StringBuilder value = new StringBuilder();
        for (String piece : arguments.split(",", -1)) {
            String startedKey = settingKeyOf(piece);
            if (startedKey != null || key == null) {
                if (key != null) {
                    source.addArgument(key, value.toString());
                }
                int equals = piece.indexOf('=');
                key = equals < 0 ? piece.trim() : piece.substring(0, equals).trim();
                value.setLength(0);
                value.append(equals < 0 ? "" : piece.substring(equals + 1));
            } else {
                value.append(',').append(piece);
            }
        }
        source.addArgument(key, value.toString());
        return source;
    }

    private void addArgument(String key, String value) {
        add(key, key.startsWith(Settings.PREFIX) ? key : Settings.PREFIX + key, value, "agent argument");
    }

    private static String settingKeyOf(String piece) {
        int equals = piece.indexOf('=');
        if (equals < 0) {
            return null;
        }
        String key = piece.substring(0, equals).trim();
        if (key.startsWith(Settings.PREFIX) || Settings.isKnown(Settings.PREFIX + key)) {
            return key;
        }
        return null;
    }
}
