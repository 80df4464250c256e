package io.remora.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.exporter.log.Log;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path tmp;

    private final Properties system = new Properties();
    private final Map<String, String> environment = new HashMap<>();
    private String agentArguments;

    @BeforeEach
    void jvm() {
        system.setProperty("java.io.tmpdir", tmp.toString());
        system.setProperty("sun.java.command", "/opt/shop/shop-service.jar --port 8080");
    }

    private ConfigLoader.Result load() {
        return new ConfigLoader(system, agentArguments, environment).load();
    }

    private AgentConfig loadClean() {
        ConfigLoader.Result result = load();
        assertEquals(List.of(), result.problems());
        return result.config();
    }

    @Test
    void defaultsFollowTheDesignTable() {
        AgentConfig config = loadClean();
        assertTrue(config.exportEnabled());
        assertEquals(List.of(URI.create("http://localhost:9090/api/v1/write")), config.endpoints());
        assertEquals(Duration.ofSeconds(15), config.interval());
        assertEquals("shop-service", config.job());
        assertFalse(config.instance().isPresent(), "host:pid is resolved on the agent thread");
        assertEquals(Duration.ofSeconds(5), config.batchMaxDelay());
        assertEquals(Duration.ofSeconds(30), config.timeout());
        assertEquals(Duration.ofMillis(30), config.minBackoff());
        assertEquals(Duration.ofSeconds(5), config.maxBackoff());
        assertEquals(tmp.resolve("remora").resolve("shop-service"), config.spoolDir().orElseThrow());
        assertTrue(Files.isDirectory(config.spoolDir().orElseThrow()));
        assertEquals(1L << 30, config.spoolMaxSize());
        assertEquals(Duration.ofHours(2), config.spoolMaxAge());
        assertFalse(config.shards().isPresent());
        assertFalse(config.batchMaxSamples().isPresent());
        assertFalse(config.bufferSamples().isPresent());
        assertTrue(config.instrumentationEnabled("jdbc"));
        assertFalse(config.insecureTls());
        assertEquals(Log.Level.INFO, config.logLevel());
    }

    @Test
    void systemPropertyBeatsAgentArgumentBeatsEnvironmentBeatsFileBeatsDefault() throws IOException {
        Path file = tmp.resolve("remora.properties");
        Files.writeString(file, "remora.interval=1m\nremora.job=from-file\nremora.instance=file:1\n"
                + "remora.timeout=7s\nremora.shards=3\n");
        environment.put("REMORA_CONFIG", file.toString());
        environment.put("REMORA_INTERVAL", "2m");
        environment.put("REMORA_JOB", "from-env");
        environment.put("REMORA_INSTANCE", "env:1");
        agentArguments = "interval=3m,job=from-args";
        system.setProperty("remora.interval", "4m");

        AgentConfig config = loadClean();
        assertEquals(Duration.ofMinutes(4), config.interval());
        assertEquals("from-args", config.job());
        assertEquals("env:1", config.instance().orElseThrow());
        assertEquals(Duration.ofSeconds(7), config.timeout());
        assertEquals(3, config.shards().getAsInt());
        assertEquals(Duration.ofSeconds(5), config.batchMaxDelay());
    }

    @Test
    void severalEndpointsAndABadOneIsDroppedAlone() {
        system.setProperty("remora.endpoint", "http://a:9090/api/v1/write, htp//b, https://c/w");
        ConfigLoader.Result result = load();
        assertEquals(List.of("remora.endpoint=http://a:9090/api/v1/write, htp//b, https://c/w: "
                + "'htp//b' is not an http or https URL; that endpoint is dropped"), result.problems());
        assertEquals(List.of(URI.create("http://a:9090/api/v1/write"), URI.create("https://c/w")),
                result.config().endpoints());
        assertTrue(result.config().exportEnabled());
    }

    @Test
    void noUsableEndpointDisablesExport() {
        system.setProperty("remora.endpoint", "http://bad host/");
        ConfigLoader.Result result = load();
        assertEquals(1, result.problems().size());
        assertTrue(result.problems().get(0).startsWith("remora.endpoint=http://bad host/: 'http://bad host/' is not a URL"),
                result.problems().get(0));
        assertFalse(result.config().exportEnabled());
    }

    @Test
    void badDurationFallsBackToItsDefaultWithOneLine() {
        system.setProperty("remora.interval", "15x");
        environment.put("REMORA_TIMEOUT", "0s");
        ConfigLoader.Result result = load();
        assertEquals(List.of(
                "remora.interval=15x: unknown unit 'x' (use ms, s, m or h); using default 15s",
                "REMORA_TIMEOUT=0s: must be more than 0; using default 30s"), result.problems());
        assertEquals(Duration.ofSeconds(15), result.config().interval());
        assertEquals(Duration.ofSeconds(30), result.config().timeout());
        assertTrue(result.config().exportEnabled());
    }

    @Test
    void negativeSizeFallsBackToItsDefault() {
        system.setProperty("remora.spool.max-size", "-5MiB");
        ConfigLoader.Result result = load();
        assertEquals(List.of("remora.spool.max-size=-5MiB: negative size; using default 1GiB"), result.problems());
        assertEquals(1L << 30, result.config().spoolMaxSize());
    }

    @Test
    void unreadableTokenFileDisablesExport() {
        Path missing = tmp.resolve("no-token");
        system.setProperty("remora.auth.bearer-file", missing.toString());
        ConfigLoader.Result result = load();
        assertEquals(List.of("remora.auth.bearer-file=" + missing
                + ": cannot read it (no such file or directory); export disabled"), result.problems());
        assertFalse(result.config().exportEnabled());
    }

    @Test
    void readableTokenFileIsKept() throws IOException {
        Path token = Files.writeString(tmp.resolve("token"), "abc");
        system.setProperty("remora.auth.bearer-file", token.toString());
        assertEquals(token, loadClean().bearerTokenFile().orElseThrow());
    }

    @Test
    void basicAuthNeedsBothHalvesAndExcludesBearer() throws IOException {
        system.setProperty("remora.auth.basic-user", "alice");
        ConfigLoader.Result result = load();
        assertEquals(List.of("remora.auth.basic-user=alice: needs remora.auth.basic-password-file; export disabled"),
                result.problems());
        assertFalse(result.config().exportEnabled());

        Path password = Files.writeString(tmp.resolve("password"), "pw");
        system.setProperty("remora.auth.basic-password-file", password.toString());
        AgentConfig config = loadClean();
        assertEquals("alice", config.basicUser().orElseThrow());
        assertEquals(password, config.basicPasswordFile().orElseThrow());
    }

    @Test
    void unwritableSpoolDirectoryDisablesOnlyTheSpool() throws IOException {
        // a regular file in the way: unwritable even for root, who ignores permission bits
        Path file = Files.writeString(tmp.resolve("file"), "x");
        system.setProperty("remora.spool.dir", file.resolve("spool").toString());
        ConfigLoader.Result result = load();
        assertEquals(1, result.problems().size());
        String line = result.problems().get(0);
        assertTrue(line.startsWith("remora.spool.dir=" + system.getProperty("remora.spool.dir") + ": cannot write there ("),
                line);
        assertTrue(line.endsWith("); spool disabled, samples stay in memory"), line);
        assertFalse(result.config().spoolDir().isPresent());
        assertTrue(result.config().exportEnabled());
    }

    @Test
    void unknownNameIsReportedWithTheNearestKnownOne() {
        system.setProperty("remora.intervall", "5s");
        environment.put("REMORA_AUTH_BEARER_FLE", "/t");
        ConfigLoader.Result result = load();
        assertEquals(List.of(
                "remora.intervall=5s: unknown setting (did you mean remora.interval?); ignored",
                "REMORA_AUTH_BEARER_FLE=/t: unknown setting (did you mean remora.auth.bearer-file?); ignored"),
                result.problems());
    }

    @Test
    void unreadableConfigFileIsIgnoredAndTheRestStillApplies() {
        system.setProperty("remora.config", tmp.resolve("missing.properties").toString());
        system.setProperty("remora.job", "shop");
        ConfigLoader.Result result = load();
        assertEquals(List.of("remora.config=" + tmp.resolve("missing.properties")
                + ": cannot read it (no such file or directory); file ignored"), result.problems());
        assertEquals("shop", result.config().job());
    }

    @Test
    void badLabelsAndHeadersAreDroppedOneByOne() {
        system.setProperty("remora.labels", "team=a,1bad=x,job=j,env=prod");
        system.setProperty("remora.headers", "X-Scope-OrgID=team-a,Content-Type=x");
        ConfigLoader.Result result = load();
        assertEquals(List.of(
                "remora.labels=team=a,1bad=x,job=j,env=prod: '1bad=x' is not a valid label name; that label is dropped",
                "remora.labels=team=a,1bad=x,job=j,env=prod: 'job=j' sets job (use remora.job); that label is dropped",
                "remora.headers=X-Scope-OrgID=team-a,Content-Type=x: 'Content-Type=x' is set by the remote-write "
                        + "protocol; that header is dropped"), result.problems());
        assertEquals(Map.of("team", "a", "env", "prod"), result.config().labels());
        assertEquals(Map.of("X-Scope-OrgID", "team-a"), result.config().headers());
    }

    @Test
    void backoffBoundsInTheWrongOrderFallBackTogether() {
        system.setProperty("remora.retry.min-backoff", "10s");
        system.setProperty("remora.retry.max-backoff", "1s");
        ConfigLoader.Result result = load();
        assertEquals(List.of("remora.retry.max-backoff=1s: less than remora.retry.min-backoff 10s; "
                + "using defaults 30ms and 5s"), result.problems());
        assertEquals(Duration.ofMillis(30), result.config().minBackoff());
        assertEquals(Duration.ofSeconds(5), result.config().maxBackoff());
    }

    @Test
    void badBooleansNumbersMethodsAndLevelFallBack() {
        system.setProperty("remora.instrumentation.jdbc.enabled", "nope");
        system.setProperty("remora.shards", "-2");
        system.setProperty("remora.methods", "com.acme.Svc#handle,Broken,com.acme.Repo#*");
        system.setProperty("remora.log.level", "loud");
        ConfigLoader.Result result = load();
        assertEquals(List.of(
                "remora.log.level=loud: not one of debug, info, warn, error, off; using default info",
                "remora.shards=-2: not a whole number above 0; using the exporter's default",
                "remora.instrumentation.jdbc.enabled=nope: not true or false; using default true",
                "remora.methods=com.acme.Svc#handle,Broken,com.acme.Repo#*: 'Broken' is not Class#method or "
                        + "Class#*; that method is dropped"), result.problems());
        assertTrue(result.config().instrumentationEnabled("jdbc"));
        assertEquals(List.of("com.acme.Svc#handle", "com.acme.Repo#*"), result.config().methods());
    }

    @Test
    void methodsOfJdkClassesAreDroppedWithAReason() {
        system.setProperty("remora.methods", "java.util.HashMap#get,com.acme.Svc#handle");
        ConfigLoader.Result result = load();
        assertEquals(List.of("remora.methods=java.util.HashMap#get,com.acme.Svc#handle: 'java.util.HashMap#get' is in"
                + " a JDK class, which the agent does not instrument; that method is dropped"), result.problems());
        assertEquals(List.of("com.acme.Svc#handle"), result.config().methods());
    }

    @Test
    void effectiveConfigurationShowsOriginsAndMasksSecrets() {
        system.setProperty("remora.endpoint", "https://user:hunter2@mimir/api/v1/push");
        environment.put("REMORA_HEADERS", "X-Api-Key=s3cret,X-Scope-OrgID=team-a");
        List<String> effective = load().effective();
        assertTrue(effective.contains("config remora.endpoint=https://user:***@mimir/api/v1/push (system property)"),
                effective.toString());
        assertTrue(effective.contains("config remora.headers=X-Api-Key=***,X-Scope-OrgID=team-a (environment)"),
                effective.toString());
        assertTrue(effective.contains("config remora.interval=15s (default)"), effective.toString());
        assertFalse(effective.toString().contains("hunter2"));
        assertFalse(effective.toString().contains("s3cret"));
        assertEquals(Settings.ALL.size(), effective.size());
    }

    @Test
    void jobFromMainClassOrModule() {
        system.setProperty("sun.java.command", "com.acme.Main arg");
        assertEquals("com.acme.Main", loadClean().job());
        system.setProperty("sun.java.command", "shop/com.acme.Main");
        assertEquals("com.acme.Main", loadClean().job());
        system.remove("sun.java.command");
        assertEquals("java", loadClean().job());
    }
}
