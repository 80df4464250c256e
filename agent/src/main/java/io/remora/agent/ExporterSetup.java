package io.remora.agent;

import io.remora.agent.config.AgentConfig;
import io.remora.exporter.ExporterConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/** The exporter's configuration as loaded, completed with what is learnt on the agent thread. */
final class ExporterSetup {

    private ExporterSetup() {
    }

    /** @param instance {@code remora.instance}, or the {@code host:pid} resolved in its place */
    static ExporterConfig exporterConfig(AgentConfig config, String instance) {
        return config.exporter().withExternalLabels(externalLabels(config, instance));
    }

    /** job and instance first; remora.labels cannot hold either (the loader refuses them). */
    private static Map<String, String> externalLabels(AgentConfig config, String instance) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("job", config.job());
        labels.put("instance", instance);
        labels.putAll(config.labels());
        return labels;
    }
}
