package io.remora.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.remora.agent.config.AgentConfig;
import io.remora.agent.config.ConfigLoader;
import io.remora.exporter.ExporterConfig;
import io.remora.exporter.spool.SpoolSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExporterSetupTest {

    @TempDir
    Path tmp;

    private ExporterConfig exporterConfig(Properties system) {
        system.setProperty("java.io.tmpdir", tmp.toString());
        system.setProperty("sun.java.command", "/opt/shop/shop-service.jar");
        AgentConfig config = new ConfigLoader(system, null, Map.of()).load().config();
        return ExporterSetup.exporterConfig(config, "host:1");
    }

    @Test
    void spoolDefaultsToTheJobUnderTheTemporaryDirectory() {
        SpoolSettings spool = exporterConfig(new Properties()).spool();
        assertEquals(tmp.resolve("remora").resolve("shop-service"), spool.directory());
        assertEquals(1L << 30, spool.maxBytes());
        assertEquals(Duration.ofHours(2), spool.maxAge());
    }

    @Test
    void spoolSettingsArePassedOn() {
        Properties system = new Properties();
        Path dir = tmp.resolve("spool-here");
        system.setProperty("remora.spool.dir", dir.toString());
        system.setProperty("remora.spool.max-size", "64KiB");
        system.setProperty("remora.spool.max-age", "5m");
        SpoolSettings spool = exporterConfig(system).spool();
        assertEquals(dir, spool.directory());
        assertEquals(64 * 1024, spool.maxBytes());
        assertEquals(Duration.ofMinutes(5), spool.maxAge());
    }

    @Test
    void unusableSpoolDirectoryMeansMemoryOnly() throws IOException {
        Path file = Files.createFile(tmp.resolve("a-file"));
        Properties system = new Properties();
        system.setProperty("remora.spool.dir", file.resolve("spool").toString());
        assertNull(exporterConfig(system).spool());
    }
}
