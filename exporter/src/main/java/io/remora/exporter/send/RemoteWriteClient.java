package io.remora.exporter.send;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sends one snappy-compressed remote-write request, once, and says how it went. Never retries.
 *
 * <p>On {@link HttpURLConnection}, not {@code java.net.http.HttpClient}: that one starts a selector
 * thread that holds the JVM's exit for a while (no close() before JDK 21), initialises the default
 * TLS context even for plain http, and loads many classes; an agent in a short-lived application
 * cannot afford any of that. Connections are kept alive by the JDK's keep-alive cache, which takes
 * one back when its response has been read to the end and closed.
 */
final class RemoteWriteClient implements AutoCloseable {

    static final String USER_AGENT = "remora/" + version();
    /** How much of a refusal's body is kept for the log. */
    static final int BODY_START_BYTES = 512;

    private final URL url;
    private final String urlText;
    private final String endpointLabel;
    private final Map<String, String> extraHeaders;
    private final String authorization;
    private final int timeoutMillis;
    private final Duration retryAfterCap;
    /** For https with a CA file or insecure: one factory, so that the keep-alive cache can reuse connections. */
    private final SSLSocketFactory tlsSockets;
    private final boolean insecureTls;

    /** Guards the two fields below: close() may come from another thread during a send. */
    private final Object lock = new Object();
    private HttpURLConnection inFlight;
    private boolean closed;

    /** Reads the secret files now: a missing or unreadable one fails here, not at the first send. */
    RemoteWriteClient(EndpointConfig config) {
        URI uri = config.url();
        try {
            this.url = uri.toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("remora.endpoint: " + e.getMessage(), e);
        }
        this.urlText = uri.toString();
        this.endpointLabel = config.endpointLabel();
        this.extraHeaders = config.headers();
        this.authorization = Authorization.headerValue(config);
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, config.timeout().toMillis()));
        this.retryAfterCap = RetryAfter.cap(config.maxBackoff());
        // plain http never touches TLS: building a context costs a second or more on a busy machine
        SSLContext tls = "https".equalsIgnoreCase(uri.getScheme()) ? TlsContexts.forConfig(config) : null;
        this.tlsSockets = tls == null ? null : tls.getSocketFactory();
        this.insecureTls = config.insecureTls();
    }

    /**
     * One POST of {@code body}, bounded by the configured timeout: connecting may take that long,
     * then each read of the response waits at most that long (HttpURLConnection has no deadline
     * for a whole exchange), and the body stops being read once the timeout has passed since the start.
     *
     * @throws InterruptedException when the client was closed (the sender is closing)
     */
    SendOutcome send(byte[] body) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        HttpURLConnection connection;
        try {
            connection = open(body.length);
        } catch (IOException | RuntimeException e) {
            return SendOutcome.retryable(0, null, describe(e));
        }
        synchronized (lock) {
            if (closed) {
                throw new InterruptedException("closed");
            }
            inFlight = connection;
        }
        try {
            return exchange(connection, body, deadline);
        } catch (IOException | RuntimeException e) {
            connection.disconnect();
            if (isClosed()) {
                throw new InterruptedException("closed during the request");
            }
            if (e instanceof SocketTimeoutException) {
                return SendOutcome.retryable(0, null, "no complete response within " + timeoutMillis + " ms");
            }
            return SendOutcome.retryable(0, null, describe(e));
        } finally {
            synchronized (lock) {
                inFlight = null;
            }
        }
    }

    private HttpURLConnection open(int length) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        if (tlsSockets != null && connection instanceof HttpsURLConnection) {
            HttpsURLConnection https = (HttpsURLConnection) connection;
            https.setSSLSocketFactory(tlsSockets);
            if (insecureTls) {
                https.setHostnameVerifier((host, session) -> true);
            }
        }
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setUseCaches(false);
        connection.setInstanceFollowRedirects(false);
        connection.setConnectTimeout(timeoutMillis);
        connection.setReadTimeout(timeoutMillis);
        // Streaming mode also stops HttpURLConnection from sending a failed POST a second time
        // behind our back (sun.net.http.retryPost, true by default): sun.net.www.http.HttpClient's
        // parseHTTP retries only "if (!failedOnce && requests != null)" and not "CONNECT || streaming
        // || (POST && !retryPostProp)", and streaming is true for a fixed-length request (JDK 17 to 25).
        // Without this line EndpointSenderTest.resetConnectionsAreRetried sees one reset hidden by such a resend.
        connection.setFixedLengthStreamingMode(length);
        extraHeaders.forEach(connection::setRequestProperty);
        if (authorization != null) {
            connection.setRequestProperty("Authorization", authorization);
        }
        // last, and EndpointConfig refuses user headers of these names
        connection.setRequestProperty("Content-Encoding", "snappy");
        connection.setRequestProperty("Content-Type", "application/x-protobuf");
        connection.setRequestProperty("X-Prometheus-Remote-Write-Version", "0.1.0");
        connection.setRequestProperty("User-Agent", USER_AGENT);
        return connection;
    }

    private SendOutcome exchange(HttpURLConnection connection, byte[] body, long deadline) throws IOException {
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
        int status = connection.getResponseCode();
        if (status < 0) {
            throw new IOException("no valid HTTP status line");
        }
        String retryAfterHeader = connection.getHeaderField("Retry-After");
        String bodyStart = readBodyStart(connection, status, deadline);
        if (status >= 200 && status < 300) {
            return SendOutcome.success(status);
        }
        if (status == 429 || status >= 500) {
            Duration retryAfter = RetryAfter.parse(retryAfterHeader, Instant.now(), retryAfterCap);
            return SendOutcome.retryable(status, retryAfter, bodyStart);
        }
        return SendOutcome.rejected(status, bodyStart);
    }

    /**
     * Keeps the first bytes of the response body and reads the rest away, so that the keep-alive
     * cache takes the connection back. The status already arrived: a body cut short, or one still
     * coming at the deadline, still tells us what we need, and its connection is closed instead.
     */
    private static String readBodyStart(HttpURLConnection connection, int status, long deadline) {
        byte[] kept = new byte[BODY_START_BYTES];
        int length = 0;
        try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            if (in == null) {
                return "";
            }
            byte[] discard = null;
            for (int n = 0; n >= 0; ) {
                if (length < kept.length) {
                    n = in.read(kept, length, kept.length - length);
                    length += Math.max(n, 0);
                } else {
                    discard = discard == null ? new byte[4096] : discard;
                    n = in.read(discard);
                }
                if (n >= 0 && System.nanoTime() - deadline > 0) {
                    connection.disconnect();
                    break;
                }
            }
        } catch (IOException e) {
            connection.disconnect();
        }
        return oneLine(new String(kept, 0, length, StandardCharsets.UTF_8));
    }

    private boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /** An error as it may be logged: the endpoint's query string may hold a key, so keep only the label. */
    private String describe(Throwable error) {
        String message = error.getMessage();
        String text = error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return oneLine(text.replace(urlText, endpointLabel));
    }

    private static String oneLine(String text) {
        return text.replace('\r', ' ').replace('\n', ' ').trim();
    }

    /**
     * Ends the request in flight, if any, and refuses new ones. A read from HttpURLConnection does
     * not end on a thread interrupt, so this is what stops an attempt stuck on a dead receiver.
     */
    @Override
    public void close() {
        HttpURLConnection stuck;
        synchronized (lock) {
            closed = true;
            stuck = inFlight;
        }
        if (stuck != null) {
            stuck.disconnect();
        }
    }

    private static String version() {
        Package p = RemoteWriteClient.class.getPackage();
        String version = p == null ? null : p.getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
