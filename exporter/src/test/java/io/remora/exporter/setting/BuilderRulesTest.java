package io.remora.exporter.setting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.remora.exporter.ExporterConfig;
import io.remora.exporter.send.EndpointConfig;
import io.remora.exporter.spool.SpoolSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The builders refuse a value at the call that sets it, with the bare problem the agent reports. */
class BuilderRulesTest {

    private static final URI URL = URI.create("http://127.0.0.1:1/w");

    private static String problem(Executable call) {
        return InvalidSetting.problemOf(assertThrows(IllegalArgumentException.class, call));
    }

    @Test
    void exporterValuesAreRefusedWhenSetNotWhenBuilt() {
        assertEquals("shards must be from 1 to 64, got 65", problem(() -> ExporterConfig.builder().shards(65)));
        assertEquals("must be more than 0", problem(() -> ExporterConfig.builder().batchMaxDelay(Duration.ZERO)));
        assertEquals("must be more than 0", problem(() -> ExporterConfig.builder().selfMetricsInterval(Duration.ZERO)));
        assertEquals("is not a valid label (label name 1bad is invalid at position 0: it must match "
                + "[a-zA-Z_][a-zA-Z0-9_]*)", problem(() -> ExporterConfig.builder().externalLabel("1bad", "x")));
    }

    @Test
    void endpointValuesAreRefusedWithTheirProblemAlone() {
        assertEquals("must be more than 0", problem(() -> EndpointConfig.builder(URL).timeout(Duration.ZERO)));
        assertEquals("is not an http or https URL", problem(() -> EndpointConfig.builder(URL).url(URI.create("ftp://h/"))));
        assertEquals("is managed by the HTTP connection", problem(() -> EndpointConfig.builder(URL).header("Host", "h")));
        assertEquals("is set by remora.auth.* and cannot be overridden", problem(() -> EndpointConfig.builder(URL)
                .bearerTokenFile(Path.of("/t")).header("authorization", "Bearer x")));
        assertEquals("must be more than 0", problem(() -> SpoolSettings.requireMaxBytes(0)));
        assertEquals("must be more than 0", problem(() -> SpoolSettings.requireMaxAge(Duration.ZERO)));
    }

    @Test
    void oneEndpointBuilderServesEachUrl() {
        EndpointConfig.Builder shared = EndpointConfig.builder(URL).header("X-Scope-OrgID", "a")
                .timeout(Duration.ofSeconds(7));
        EndpointConfig first = shared.build();
        EndpointConfig second = shared.url(URI.create("https://b/w")).build();
        assertEquals(List.of(URL, URI.create("https://b/w")), List.of(first.url(), second.url()));
        assertEquals(Map.of("X-Scope-OrgID", "a"), second.headers());
        assertEquals(Duration.ofSeconds(7), second.timeout());
        assertEquals(EndpointConfig.DEFAULT_MAX_BACKOFF, second.maxBackoff());
    }

    @Test
    void externalLabelsAreReplacedInOrderAndEverythingElseKept() {
        ExporterConfig loaded = ExporterConfig.builder().endpoint(EndpointConfig.builder(URL).build())
                .externalLabel("job", "shop").shards(3).spool(Path.of("/s"), 10, Duration.ofMinutes(1)).build();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("job", "shop");
        labels.put("instance", "h:1");
        labels.put("team", "a");
        ExporterConfig started = loaded.withExternalLabels(labels);
        assertEquals(List.of("job", "instance", "team"), List.copyOf(started.externalLabels().keySet()));
        assertEquals(labels, started.externalLabels());
        assertEquals(Map.of("job", "shop"), loaded.externalLabels());
        assertEquals(3, started.shards());
        assertEquals(loaded.endpoints(), started.endpoints());
        assertEquals(Path.of("/s"), started.spool().directory());
        assertThrows(IllegalArgumentException.class, () -> loaded.withExternalLabels(Map.of("1bad", "x")));
        assertNull(ExporterConfig.builder().endpoint(loaded.endpoints().get(0)).build().spool());
    }
}
