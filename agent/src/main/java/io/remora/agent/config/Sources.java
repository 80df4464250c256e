package io.remora.agent.config;

import java.io.IOException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Where settings come from, in order of precedence: system property, agent argument, environment
 * variable, then the file named by {@code remora.config}.
 */
final class Sources {

    private final List<ConfigSource> sources = new ArrayList<>();
    private final Report report;

    Sources(Properties systemProperties, String agentArguments, Map<String, String> environment, Report report) {
        this.report = report;
        sources.add(ConfigSource.systemProperties(systemProperties));
        sources.add(ConfigSource.agentArguments(agentArguments));
        sources.add(ConfigSource.environment(environment));
    }

    /** Last: the file is named by the other sources, and each of them wins over it. */
    void addConfigFile() {
        ConfigSource.Entry entry = find(Settings.CONFIG);
        if (entry == null) {
            report.record(Settings.CONFIG, "none", null);
            return;
        }
        report.record(Settings.CONFIG, entry.value(), entry);
        try {
            sources.add(ConfigSource.propertiesFile(Paths.get(entry.value())));
        } catch (IOException | IllegalArgumentException e) { // a bad path, or a malformed Unicode escape in it
            report.problem(entry, "cannot read it (" + Report.describe(e) + "); file ignored");
        }
    }

    void reportUnknownNames() {
        for (ConfigSource source : sources) {
            for (ConfigSource.Entry entry : source.unknown()) {
                report.problem(entry, "unknown setting (did you mean " + NearestName.among(entry.name(), Settings.ALL)
                        + "?); ignored");
            }
        }
    }

    /** The entry from the source of highest precedence that holds the setting, or null. */
    ConfigSource.Entry find(String name) {
        for (ConfigSource source : sources) {
            ConfigSource.Entry entry = source.get(name);
            if (entry != null) {
                return entry;
            }
        }
        return null;
    }
}
