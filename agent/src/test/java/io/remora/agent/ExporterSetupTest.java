package io.remora.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.agent.config.AgentConfig;
import io.remora.agent.config.ConfigLoader;
import io.remora.exporter.ExporterConfig;
import io.remora.exporter.spool.SpoolSettings;
import io.remora.log.Log;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExporterSetupTest {

    @TempDir
    Path tmp;

    private ExporterConfig exporterConfig(Properties system) {
        system.setProperty("java.io.tmpdir", tmp.toString());
        system.setProperty("sun.java.command", "/opt/shop/shop-service.jar");
        AgentConfig config = new ConfigLoader(system, null, Map.of()).load().config();
        assertTrue(config.exportEnabled());
        return ExporterSetup.exporterConfig(config, "host:1");
    }

    /** Each of these once passed the loader and then stopped the agent thread with an exception. */
    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "remora.headers        | User-Agent=x",
        "remora.headers        | Connection=close",
        "remora.headers        | Expect=100-continue",
        "remora.headers        | Transfer-Encoding=chunked",
        "remora.headers        | Origin=x",
        "remora.headers        | X-Scope-OrgID=a,x-scope-orgid=b",
        "remora.endpoint       | http://bob:pw@localhost:9090/w,http://localhost:9090/w",
        "remora.buffer.samples | 1",
    })
    void whatTheLoaderAcceptsTheExporterBuildsFrom(String name, String value) {
        Properties system = new Properties();
        system.setProperty(name, value);
        exporterConfig(system);
    }

    @Test
    void authorizationHeaderBesideConfiguredAuthenticationIsLeftToTheAuthentication() throws IOException {
        Properties system = new Properties();
        system.setProperty("remora.auth.bearer-file", Files.writeString(tmp.resolve("token"), "t").toString());
        system.setProperty("remora.headers", "authorization=Bearer other,X-Scope-OrgID=a");
        assertEquals(Map.of("X-Scope-OrgID", "a"), exporterConfig(system).endpoints().get(0).headers());
    }

    @Test
    void spoolDefaultsToTheJobUnderTheTemporaryDirectoryCreatedHere() {
        SpoolSettings spool = exporterConfig(new Properties()).spool();
        assertEquals(tmp.resolve("remora").resolve("shop-service"), spool.directory());
        assertTrue(Files.isDirectory(spool.directory()));
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
    void unusableSpoolDirectoryIsLoggedAndMeansMemoryOnly() throws IOException {
        Path file = Files.createFile(tmp.resolve("a-file"));
        Properties system = new Properties();
        system.setProperty("remora.spool.dir", file.resolve("spool").toString());
        system.setProperty("remora.endpoint", "http://localhost:9/w");
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        Log.setOutput(new PrintStream(logged, true, StandardCharsets.UTF_8));
        ExporterConfig exporter;
        try {
            exporter = exporterConfig(system);
        } finally {
            Log.setOutput(System.err);
        }
        assertNull(exporter.spool());
        assertEquals(URI.create("http://localhost:9/w"), exporter.endpoints().get(0).url(), "the rest unchanged");
        assertEquals(Map.of("job", "shop-service", "instance", "host:1"), exporter.externalLabels());
        String line = logged.toString(StandardCharsets.UTF_8);
        assertTrue(line.startsWith("remora: remora.spool.dir=" + file.resolve("spool") + ": cannot write there ("),
                line);
        assertTrue(line.endsWith("); spool disabled, samples stay in memory" + System.lineSeparator()), line);
    }
}
