package io.remora.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.remora.exporter.send.EndpointConfig;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ExporterConfigTest {

    private static ExporterConfig.Builder config() {
        return ExporterConfig.builder().endpoint(EndpointConfig.builder(URI.create("http://127.0.0.1:1/w")).build());
    }

    @Test
    void countsOutsideTheirRangesAreRefusedNamingTheRange() {
        assertEquals("shards must be from 1 to 64, got 65", assertThrows(IllegalArgumentException.class,
                () -> config().shards(65).build()).getMessage());
        assertEquals("samples per shard must be from 2 to 1048576, got 1", assertThrows(
                IllegalArgumentException.class, () -> config().samplesPerShard(1).build()).getMessage());
        assertThrows(IllegalArgumentException.class, () -> config().batchMaxSamples((1 << 20) + 1).build());
        assertEquals(64, config().shards(64).samplesPerShard(1 << 20).batchMaxSamples(1).build().shards());
    }
}
