package io.remora.agent;

import io.remora.agent.config.AgentConfig;
import io.remora.agent.config.SpoolDirectory;
import io.remora.exporter.ExporterConfig;
import io.remora.log.Log;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The exporter's configuration as loaded, completed with what is learnt on the agent thread. */
final class ExporterSetup {

    private ExporterSetup() {
    }

    /**
     * Also creates and checks the spool directory: refused, it is logged as premain logs a bad
     * setting, and samples stay in memory.
     *
     * @param instance {@code remora.instance}, or the {@code host:pid} resolved in its place
     */
    static ExporterConfig exporterConfig(AgentConfig config, String instance) {
        ExporterConfig exporter = config.exporter().withExternalLabels(externalLabels(config, instance));
        Optional<String> refusal = config.spoolDirectory().map(SpoolDirectory::create);
        if (refusal.isPresent()) {
            Log.error(refusal.get());
            return exporter.withoutSpool();
        }
        return exporter;
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
