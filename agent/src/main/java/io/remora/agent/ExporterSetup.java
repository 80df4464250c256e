package io.remora.agent;

import io.remora.agent.config.AgentConfig;
import io.remora.exporter.ExporterConfig;
import io.remora.exporter.send.EndpointConfig;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** Maps the agent's checked configuration onto the exporter's. */
final class ExporterSetup {

    private ExporterSetup() {
    }

    static ExporterConfig exporterConfig(AgentConfig config, String instance) {
        ExporterConfig.Builder builder = ExporterConfig.builder()
                .externalLabels(externalLabels(config, instance))
                .batchMaxDelay(config.batchMaxDelay())
                .selfMetricsInterval(config.interval())
                .staleAtClose(true); // the process is going away: so are its series
        for (URI url : config.endpoints()) {
            builder.endpoint(endpointConfig(url, config));
        }
        config.shards().ifPresent(builder::shards);
        config.bufferSamples().ifPresent(builder::samplesPerShard);
        config.batchMaxSamples().ifPresent(builder::batchMaxSamples);
        // no directory: the loader found it unusable and said so; samples then stay in memory only
        config.spoolDir().ifPresent(dir -> builder.spool(dir, config.spoolMaxSize(), config.spoolMaxAge()));
        return builder.build();
    }

    /** job and instance first; remora.labels cannot hold either (the loader refuses them). */
    static Map<String, String> externalLabels(AgentConfig config, String instance) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("job", config.job());
        labels.put("instance", instance);
        labels.putAll(config.labels());
        return labels;
    }

    static EndpointConfig endpointConfig(URI url, AgentConfig config) {
        EndpointConfig.Builder builder = EndpointConfig.builder(url)
                .timeout(config.timeout())
                .minBackoff(config.minBackoff())
                .maxBackoff(config.maxBackoff())
                .insecureTls(config.insecureTls());
        config.headers().forEach(builder::header);
        config.bearerTokenFile().ifPresent(builder::bearerTokenFile);
        if (config.basicUser().isPresent()) {
            builder.basicAuth(config.basicUser().get(), config.basicPasswordFile().orElseThrow());
        }
        config.caFile().ifPresent(builder::caFile);
        return builder.build();
    }
}
