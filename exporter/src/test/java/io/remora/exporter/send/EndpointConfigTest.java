package io.remora.exporter.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.exporter.selfmetrics.SelfMetrics;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointConfigTest {

    private static final URI URL = URI.create("http://127.0.0.1:9090/api/v1/write");

    @TempDir
    Path dir;

    @Test
    void defaults() {
        EndpointConfig config = EndpointConfig.builder(URL).build();
        assertEquals(Duration.ofSeconds(30), config.timeout());
        assertEquals(Duration.ofMillis(30), config.minBackoff());
        assertEquals(Duration.ofSeconds(5), config.maxBackoff());
        assertEquals(64, config.queueCapacity());
        assertTrue(config.headers().isEmpty());
    }

    @Test
    void protocolHeadersCannotBeOverriddenWhateverTheirCase() {
        for (String name : new String[] {"Content-Encoding", "content-type", "X-PROMETHEUS-REMOTE-WRITE-VERSION",
                "user-Agent"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> EndpointConfig.builder(URL).header(name, "x"));
            assertTrue(e.getMessage().contains(name) && e.getMessage().contains("cannot be overridden"),
                    e.getMessage());
        }
    }

    @Test
    void transportHeadersAndBrokenHeadersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> EndpointConfig.builder(URL).header("Host", "x"));
        assertThrows(IllegalArgumentException.class, () -> EndpointConfig.builder(URL).header("Content-Length", "1"));
        assertThrows(IllegalArgumentException.class, () -> EndpointConfig.builder(URL).header("Origin", "x"),
                "HttpURLConnection would drop it silently");
        assertThrows(IllegalArgumentException.class, () -> EndpointConfig.builder(URL).header("X Bad", "x"));
        assertThrows(IllegalArgumentException.class, () -> EndpointConfig.builder(URL).header("X-A", "a\r\nX-B: b"));
        assertThrows(IllegalArgumentException.class,
                () -> EndpointConfig.builder(URL).header("X-Scope-OrgID", "a").header("x-scope-orgid", "b"));
    }

    @Test
    void everyHopByHopOrFramingHeaderIsRefusedWhateverItsCase() {
        for (String name : new String[] {"Connection", "content-length", "EXPECT", "Host", "Keep-Alive", "TE",
                "Trailer", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "Via", "Origin"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> EndpointConfig.builder(URL).header(name, "x"));
            assertEquals("remora.headers: '" + name + "' is managed by the HTTP connection", e.getMessage());
        }
    }

    @Test
    void headerRuleSaysWhatIsWrongAndNeverQuotesTheValue() {
        assertEquals("has no header name", HeaderRule.problem("", "x", List.of(), false));
        assertEquals("holds a line break", HeaderRule.problem("X-A", "a\nb", List.of(), false));
        assertEquals("holds a control character", HeaderRule.problem("X-A", "a\u0000b", List.of(), false));
        assertEquals("repeats X-Scope-OrgID (header names ignore case)",
                HeaderRule.problem("x-scope-orgid", "b", List.of("X-Scope-OrgID"), false));
        assertNull(HeaderRule.problem("X-Scope-OrgID", "tenant 1\t", List.of("X-Other"), false));
        assertNull(HeaderRule.problem("Authorization", "Bearer x", List.of(), false));
        assertEquals("is set by remora.auth.* and cannot be overridden",
                HeaderRule.problem("authorization", "Bearer x", List.of(), true));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EndpointConfig.builder(URL).header("X-Api-Key", "s3cret\r\nX-B: b"));
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }

    @Test
    void authorizationHeaderAndConfiguredAuthConflict() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EndpointConfig.builder(URL)
                .header("Authorization", "Bearer x").bearerTokenFile(dir.resolve("t")).build());
        assertTrue(e.getMessage().contains("Authorization"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EndpointConfig.builder(URL)
                .bearerTokenFile(dir.resolve("t")).basicAuth("u", dir.resolve("p")).build());
    }

    @Test
    void badUrlsAndBoundsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> EndpointConfig.builder(URI.create("ftp://h/x")));
        IllegalArgumentException userInfo = assertThrows(IllegalArgumentException.class,
                () -> EndpointConfig.builder(URI.create("http://bob:hunter2@h:1/x")));
        assertFalse(userInfo.getMessage().contains("hunter2"), userInfo.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EndpointConfig.builder(URL)
                .minBackoff(Duration.ofSeconds(2)).maxBackoff(Duration.ofSeconds(1)).build());
        assertThrows(IllegalArgumentException.class, () -> EndpointConfig.builder(URL).timeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> EndpointConfig.builder(URL).queueCapacity(0));
        assertThrows(IllegalArgumentException.class, () -> EndpointConfig.builder(URL).basicAuth("a:b", dir));
        assertThrows(IllegalArgumentException.class, () -> EndpointConfig.builder(URI.create("https://h/w"))
                .caFile(dir.resolve("ca.pem")).insecureTls(true).build());
    }

    @Test
    void labelAndToStringHideQueryAndSecrets() {
        EndpointConfig config = EndpointConfig.builder(URI.create("https://metrics.example:8443/push?api_key=k3y"))
                .basicAuth("alice", dir.resolve("password")).build();
        assertEquals("https://metrics.example:8443/push", config.endpointLabel());
        String text = config.toString();
        assertFalse(text.contains("k3y"), text);
        assertTrue(text.contains("alice") && text.contains(dir.resolve("password").toString()), text);
    }

    @Test
    void unreadableSecretFileIsNamedWithItsSetting() {
        Path missing = dir.resolve("no-such-token");
        EndpointConfig config = EndpointConfig.builder(URL).bearerTokenFile(missing).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EndpointSender(config, new SelfMetrics().endpoint(config.endpointLabel())));
        assertTrue(e.getMessage().contains("remora.auth.bearer-file") && e.getMessage().contains(missing.toString()),
                e.getMessage());
    }

    @Test
    void badSecretFileErrorNeverQuotesTheFile() throws IOException {
        Path password = Files.writeString(dir.resolve("password"), "pa55word\nsecond-line\n");
        EndpointConfig config = EndpointConfig.builder(URL).basicAuth("alice", password).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EndpointSender(config, new SelfMetrics().endpoint(config.endpointLabel())));
        assertTrue(e.getMessage().contains("remora.auth.basic-password-file"), e.getMessage());
        assertFalse(e.getMessage().contains("pa55word") || e.getMessage().contains("second-line"), e.getMessage());
    }

    @Test
    void caFileThatIsNotPemIsRefused() throws IOException {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "not a certificate");
        // https: for plain http the sender builds no TLS context, so it never reads the CA file
        EndpointConfig config = EndpointConfig.builder(URI.create("https://127.0.0.1:9090/api/v1/write"))
                .caFile(ca).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EndpointSender(config, new SelfMetrics().endpoint(config.endpointLabel())));
        assertTrue(e.getMessage().contains("remora.tls.ca-file"), e.getMessage());
    }
}
