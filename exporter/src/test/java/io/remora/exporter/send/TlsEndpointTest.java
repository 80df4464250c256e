package io.remora.exporter.send;

import static io.remora.exporter.send.TestRequests.key;
import static io.remora.exporter.send.TestRequests.submitNumbered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.exporter.selfmetrics.SelfMetrics;
import io.remora.exporter.testing.RemoteWriteReceiver;
import io.remora.log.Log;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS receivers with certificates made by the JDK's keytool for this run. */
class TlsEndpointTest {

    private static final char[] STORE_PASSWORD = "changeit".toCharArray();
    private static final Duration IDLE = Duration.ofSeconds(10);

    @TempDir
    static Path dir;

    private static final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    /** Its certificate names 127.0.0.1, the address the sender connects to. */
    private static RemoteWriteReceiver matching;
    private static Path matchingCa;
    /** Its certificate names another host only. */
    private static RemoteWriteReceiver wrongHost;

    @BeforeAll
    static void start() throws Exception {
        Log.setOutput(new PrintStream(logged, true, StandardCharsets.UTF_8));
        matchingCa = dir.resolve("matching.pem");
        matching = RemoteWriteReceiver.startHttps(serverContext("matching", "ip:127.0.0.1", matchingCa));
        wrongHost = RemoteWriteReceiver.startHttps(serverContext("wrong", "dns:elsewhere.example", dir.resolve("wrong.pem")));
    }

    @AfterAll
    static void stop() {
        matching.close();
        wrongHost.close();
        Log.setOutput(System.err);
    }

    @Test
    void caFileTrustsTheReceiver() {
        try (EndpointSender sender = sender(EndpointConfig.builder(matching.url()).caFile(matchingCa))) {
            assertTrue(submitNumbered(sender, "tls_ca", 0, 2));
            assertTrue(sender.awaitIdle(IDLE));
            assertEquals(2, matching.samples(key("tls_ca")).size());
            assertEquals(0, sender.metrics().samplesRetried());
        }
        assertEquals(List.of(), matching.violations());
    }

    @Test
    void jdkTrustStoreDoesNotKnowTheReceiverSoItKeepsRetrying() throws InterruptedException {
        try (EndpointSender sender = sender(EndpointConfig.builder(matching.url()))) {
            assertTrue(submitNumbered(sender, "tls_default", 0, 1));
            awaitRetries(sender, 2);
            assertFalse(sender.awaitIdle(Duration.ZERO));
        }
        assertEquals(List.of(), matching.samples(key("tls_default")));
        assertTrue(logged.toString(StandardCharsets.UTF_8).contains("SSLHandshakeException"), logged.toString());
    }

    @Test
    void caFileStillChecksTheHostName() throws InterruptedException {
        Path wrongCa = dir.resolve("wrong.pem");
        try (EndpointSender sender = sender(EndpointConfig.builder(wrongHost.url()).caFile(wrongCa))) {
            assertTrue(submitNumbered(sender, "tls_wrong_host", 0, 1));
            awaitRetries(sender, 2);
        }
        assertEquals(List.of(), wrongHost.samples(key("tls_wrong_host")));
        assertTrue(logged.toString(StandardCharsets.UTF_8).contains("No subject alternative names matching IP address"),
                logged.toString());
    }

    @Test
    void insecureTlsTrustsAnyCertificateForAnyHost() {
        try (EndpointSender sender = sender(EndpointConfig.builder(wrongHost.url()).insecureTls(true))) {
            assertTrue(submitNumbered(sender, "tls_insecure", 0, 1));
            assertTrue(sender.awaitIdle(IDLE));
        }
        assertEquals(1, wrongHost.samples(key("tls_insecure")).size());
    }

    private static EndpointSender sender(EndpointConfig.Builder config) {
        EndpointConfig built = config.minBackoff(Duration.ofMillis(10)).maxBackoff(Duration.ofMillis(50)).build();
        return new EndpointSender(built, new SelfMetrics().endpoint(built.endpointLabel()));
    }

    private static void awaitRetries(EndpointSender sender, long samples) throws InterruptedException {
        long deadline = System.nanoTime() + IDLE.toNanos();
        while (sender.metrics().samplesRetried() < samples && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(sender.metrics().samplesRetried() >= samples, "the handshake failure was retried");
        assertEquals(0, sender.metrics().samplesSent());
    }

    /** A self-signed key pair from keytool; its certificate, in PEM, doubles as the CA file. */
    private static SSLContext serverContext(String alias, String subjectAltName, Path pem)
            throws IOException, InterruptedException, GeneralSecurityException {
        Path store = dir.resolve(alias + ".p12");
        keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=remora-test", "-ext", "san=" + subjectAltName, "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", alias, "-keystore", store.toString(), "-storepass", "changeit",
                "-file", pem.toString());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, STORE_PASSWORD);
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, STORE_PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        return context;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "keytool did not finish");
        assertEquals(0, process.exitValue(), "keytool failed: " + output);
    }
}
