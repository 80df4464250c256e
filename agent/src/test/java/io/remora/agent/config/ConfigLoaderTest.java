package io.remora.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.log.Log;
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
                "remora.labels=team=a,1bad=x,job=j,env=prod: '1bad=x' is not a valid label (label name 1bad is invalid"
                        + " at position 0: it must match [a-zA-Z_][a-zA-Z0-9_]*); that label is dropped",
                "remora.labels=team=a,1bad=x,job=j,env=prod: 'job=j' sets job (use remora.job); that label is dropped",
                "remora.headers=X-Scope-OrgID=team-a,Content-Type=x: 'Content-Type=x' is set by the remote-write "
                        + "protocol and cannot be overridden; that header is dropped"), result.problems());
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
                "remora.shards=-2: not a whole number from 1 to 64; using the exporter's default",
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
        system.setProperty("remora.endpoint", "https://user:hunter2@mimir/api/v1/push,https://mimir/api/v1/push");
        environment.put("REMORA_HEADERS", "X-Api-Key=s3cret,X-Scope-OrgID=team-a");
        ConfigLoader.Result result = load();
        List<String> effective = result.effective();
        assertEquals(List.of("remora.endpoint=https://user:***@mimir/api/v1/push,https://mimir/api/v1/push: "
                + "'https://user:***@mimir/api/v1/push' holds credentials, which are not sent (use "
                + "remora.auth.basic-user and remora.auth.basic-password-file); that endpoint is dropped"),
                result.problems());
        assertTrue(effective.contains("config remora.endpoint=https://mimir/api/v1/push (system property)"),
                effective.toString());
        assertTrue(effective.contains("config remora.headers=X-Api-Key=***,X-Scope-OrgID=team-a (environment)"),
                effective.toString());
        assertTrue(effective.contains("config remora.interval=15s (default)"), effective.toString());
        assertFalse(effective.toString().contains("hunter2"));
        assertFalse(effective.toString().contains("s3cret"));
        assertEquals(Settings.ALL.size(), effective.size());
    }

    /** A self-signed test CA's certificate: all the loader does with a CA file is parse it. */
    private static final String CA_PEM = "-----BEGIN CERTIFICATE-----\n"
            + "MIIBSjCB8qADAgECAgkAhHH+sXMVRpEwCgYIKoZIzj0EAwIwGTEXMBUGA1UEAxMO\n"
            + "cmVtb3JhLXRlc3QtY2EwIBcNMjYxMjA0MjE1NzAyWhgPMjEyNjExMTAyMTU3MDJa\n"
            + "MBkxFzAVBgNVBAMTDnJlbW9yYS10ZXN0LWNhMFkwEwYHKoZIzj0CAQYIKoZIzj0D\n"
            + "AQcDQgAEexZrtcZZLwArwS/aDu4noPbiNsrQaGB3cPTFLAKIrbKGSWAEZ80x+nLn\n"
            + "4ove4SI86RzmYlOdjhlmIfQCTLUcd6MhMB8wHQYDVR0OBBYEFNJ7o0t/yqjbMSXv\n"
            + "t+fvn03wpA6XMAoGCCqGSM49BAMCA0cAMEQCIDOa3qmr9lzrKXrixSodYomM0A10\n"
            + "de+VCY7eyDKPh1paAiAVT8iKREHBmgmMXIQs+Jd76CYyjCie7XmLdf9HNYYmSw==\n"
            + "-----END CERTIFICATE-----\n";

    @Test
    void everyHeaderTheClientOrTheConnectionSetsIsDroppedAloneWhateverItsCase() {
        for (String reserved : List.of("User-Agent", "content-type", "CONTENT-ENCODING",
                "X-Prometheus-Remote-Write-Version", "Connection", "Content-Length", "Expect", "host",
                "Transfer-Encoding", "Keep-Alive", "Upgrade", "TE", "Trailer", "Proxy-Connection")) {
            String value = "X-Scope-OrgID=team-a," + reserved + "=x";
            system.setProperty("remora.headers", value);
            ConfigLoader.Result result = load();
            assertEquals(1, result.problems().size(), result.problems().toString());
            String problem = result.problems().get(0);
            assertTrue(problem.startsWith("remora.headers=" + value + ": '" + reserved + "=x' is "), problem);
            assertTrue(problem.endsWith("; that header is dropped"), problem);
            assertEquals(Map.of("X-Scope-OrgID", "team-a"), result.config().headers());
            assertTrue(result.config().exportEnabled());
        }
    }

    @Test
    void headerNamesDifferingOnlyInCaseAreOneHeader() {
        system.setProperty("remora.headers", "X-Scope-OrgID=a,x-scope-orgid=b");
        ConfigLoader.Result result = load();
        assertEquals(List.of("remora.headers=X-Scope-OrgID=a,x-scope-orgid=b: 'x-scope-orgid=b' repeats "
                + "X-Scope-OrgID (header names ignore case); that header is dropped"), result.problems());
        assertEquals(Map.of("X-Scope-OrgID", "a"), result.config().headers());
    }

    @Test
    void authorizationHeaderIsTheUsersOnlyWithoutConfiguredAuthentication() throws IOException {
        system.setProperty("remora.headers", "Authorization=Bearer s3cret");
        assertEquals(Map.of("Authorization", "Bearer s3cret"), loadClean().headers());

        system.setProperty("remora.auth.bearer-file", Files.writeString(tmp.resolve("token"), "t0ken").toString());
        ConfigLoader.Result result = load();
        assertEquals(List.of("remora.headers=Authorization=***: 'Authorization=***' is set by remora.auth.* and "
                + "cannot be overridden; that header is dropped"), result.problems());
        assertEquals(Map.of(), result.config().headers());
        assertTrue(result.config().exportEnabled());
    }

    @Test
    void brokenHeadersAreReportedOnOneLineWithSecretsMasked() {
        environment.put("REMORA_HEADERS", "X-Api-Key=s3cret,X-A=a\r\nX-B: b,=v,X-Token: abc,X Bad=1,X-C=a\u0007b");
        ConfigLoader.Result result = load();
        String shown = "REMORA_HEADERS=X-Api-Key=***,X-A=a\\r\\nX-B: b,=v,X-Token:***,X Bad=1,X-C=a\\u0007b: ";
        assertEquals(List.of(
                shown + "'X-A=a\\r\\nX-B: b' holds a line break; that header is dropped",
                shown + "'=v' has no header name; that header is dropped",
                shown + "'X-Token:***' is not header=value; that header is dropped",
                shown + "'X Bad=1' is not a valid header name; that header is dropped",
                shown + "'X-C=a\\u0007b' holds a control character; that header is dropped"), result.problems());
        assertEquals(Map.of("X-Api-Key", "s3cret"), result.config().headers());
    }

    @Test
    void repeatedAndReservedLabelsAreDropped() {
        system.setProperty("remora.labels", "team=a,team=b,__name__=x,env=");
        ConfigLoader.Result result = load();
        String shown = "remora.labels=team=a,team=b,__name__=x,env=: ";
        assertEquals(List.of(
                shown + "'team=b' sets team again; that label is dropped",
                shown + "'__name__=x' is not a valid label (names starting with __ are for Prometheus itself);"
                        + " that label is dropped",
                shown + "'env=' has an empty value; that label is dropped"), result.problems());
        assertEquals(Map.of("team", "a"), result.config().labels());
    }

    @Test
    void endpointPasswordIsMaskedUpToItsLastAt() {
        system.setProperty("remora.endpoint", "http://bob:p@ss@h/w");
        String problem = load().problems().get(0);
        assertTrue(problem.startsWith("remora.endpoint=http://bob:***@h/w: 'http://bob:***@h/w' "), problem);
        assertFalse(problem.contains("ss@"), problem);
    }

    @Test
    void jobThatIsNoLabelValueFallsBackToTheDefault() throws IOException {
        Path file = Files.writeString(tmp.resolve("job.properties"), "remora.job=\\uD800\n");
        system.setProperty("remora.config", file.toString());
        ConfigLoader.Result result = load();
        assertEquals(List.of("remora.job=\uD800: is not a valid label (label job has a value that is not valid UTF-8:"
                + " unpaired surrogate at position 0); using the default"), result.problems());
        assertEquals("shop-service", result.config().job());
    }

    @Test
    void basicUserWithAColonDisablesExport() throws IOException {
        system.setProperty("remora.auth.basic-user", "alice:pw");
        system.setProperty("remora.auth.basic-password-file", Files.writeString(tmp.resolve("pw"), "pw").toString());
        ConfigLoader.Result result = load();
        assertEquals(List.of("remora.auth.basic-user=alice:pw: holds ':', which ends the user name in basic "
                + "authentication; export disabled"), result.problems());
        assertFalse(result.config().exportEnabled());
    }

    @Test
    void secretFilesAreReadAsTheSenderReadsThem() throws IOException {
        Path empty = Files.writeString(tmp.resolve("empty"), "\n");
        system.setProperty("remora.auth.bearer-file", empty.toString());
        assertEquals(List.of("remora.auth.bearer-file=" + empty + ": the file is empty; export disabled"),
                load().problems());

        Path twoLines = Files.writeString(tmp.resolve("two-lines"), "pa55word\nsecond\n");
        system.setProperty("remora.auth.bearer-file", twoLines.toString());
        ConfigLoader.Result result = load();
        assertEquals(List.of("remora.auth.bearer-file=" + twoLines + ": the file holds more than one line; "
                + "export disabled"), result.problems());
        assertFalse(result.config().exportEnabled());
    }

    @Test
    void caFileMustHoldCertificatesAndWinsOverInsecure() throws IOException {
        Path notPem = Files.writeString(tmp.resolve("not.pem"), "not a certificate");
        system.setProperty("remora.tls.ca-file", notPem.toString());
        ConfigLoader.Result result = load();
        assertEquals(1, result.problems().size());
        assertTrue(result.problems().get(0).startsWith("remora.tls.ca-file=" + notPem + ": not a PEM certificate "
                + "file ("), result.problems().get(0));
        assertTrue(result.problems().get(0).endsWith("); export disabled"), result.problems().get(0));
        assertFalse(result.config().exportEnabled());

        Path ca = Files.writeString(tmp.resolve("ca.pem"), CA_PEM);
        system.setProperty("remora.tls.ca-file", ca.toString());
        system.setProperty("remora.tls.insecure", "true");
        result = load();
        assertEquals(List.of("remora.tls.insecure=true: conflicts with remora.tls.ca-file, which it would ignore;"
                + " using false"), result.problems());
        assertEquals(ca, result.config().caFile().orElseThrow());
        assertFalse(result.config().insecureTls());
        assertTrue(result.config().exportEnabled());
    }

    @Test
    void configFileThatPropertiesCannotParseIsIgnored() throws IOException {
        Path file = Files.writeString(tmp.resolve("bad.properties"), "remora.job=\\u00zz\n");
        system.setProperty("remora.config", file.toString());
        ConfigLoader.Result result = load();
        assertEquals(List.of("remora.config=" + file + ": cannot read it (Malformed \\uxxxx encoding.); "
                + "file ignored"), result.problems());
        assertEquals("shop-service", result.config().job());
    }

    @Test
    void countsOutsideTheExportersRangesFallBack() {
        system.setProperty("remora.buffer.samples", "1");
        system.setProperty("remora.shards", "100000");
        system.setProperty("remora.batch.max-samples", "2e3");
        ConfigLoader.Result result = load();
        assertEquals(List.of(
                "remora.batch.max-samples=2e3: not a whole number from 1 to 1048576; using the exporter's default",
                "remora.shards=100000: not a whole number from 1 to 64; using the exporter's default",
                "remora.buffer.samples=1: not a whole number from 2 to 1048576; using the exporter's default"),
                result.problems());
        assertFalse(result.config().bufferSamples().isPresent());
        assertFalse(result.config().shards().isPresent());
    }

    @Test
    void durationTooLargeForTheExporterFallsBack() {
        system.setProperty("remora.interval", "3000000h");
        ConfigLoader.Result result = load();
        assertEquals(List.of("remora.interval=3000000h: too large; using default 15s"), result.problems());
        assertEquals(Duration.ofSeconds(15), result.config().interval());
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
