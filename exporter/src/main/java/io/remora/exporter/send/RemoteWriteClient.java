package io.remora.exporter.send;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sends one snappy-compressed remote-write request, once, and says how it went. Never retries.
 *
 * <p>Speaks HTTP/1.1 itself over a socket it owns ({@link HttpConnection}), so that every exchange
 * has a deadline: the timeout, counted from the start of the attempt, after which the
 * {@link ExchangeWatchdog} closes the socket whatever the receiver does (never reads, never
 * answers, stalls in the middle of its answer, or drips it a byte at a time), and {@link #close()}
 * ends an exchange in flight at once. Not {@code HttpURLConnection}: it has no deadline for a whole
 * exchange, and its {@code disconnect()} waits for a read in progress. Not
 * {@code java.net.http.HttpClient}: it starts a selector thread, initialises the default TLS
 * context even for plain http, and loads many classes; an agent in a short-lived application
 * cannot afford that. One connection is kept alive between requests, for at most
 * {@link #KEEP_ALIVE_NANOS} of idleness, as the JDK's keep-alive cache does.
 */
final class RemoteWriteClient implements AutoCloseable {

    static final String USER_AGENT = "remora/" + version();
    /** How much of a refusal's body is kept for the log. */
    static final int BODY_START_BYTES = 512;
    /** How long an idle connection is reused: the JDK's keep-alive default, under receivers' idle timeouts. */
    static final long KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final HttpRoute route;
    private final String urlText;
    private final String endpointLabel;
    /** The request line and every header but Content-Length: the same for each request. */
    private final String headWithoutLength;
    private final int timeoutMillis;
    private final Duration retryAfterCap;

    /** Guards the fields below: close() may come from another thread during a send. */
    private final Object lock = new Object();
    private HttpConnection inFlight;
    /** The connection kept alive after the last exchange, or null. */
    private HttpConnection idle;
    private boolean closed;

    /** Reads the secret files now: a missing or unreadable one fails here, not at the first send. */
    RemoteWriteClient(EndpointConfig config) {
        URI uri = config.url();
        this.urlText = uri.toString();
        this.endpointLabel = config.endpointLabel();
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, config.timeout().toMillis()));
        this.retryAfterCap = RetryAfter.cap(config.maxBackoff());
        // plain http never touches TLS: building a context costs a second or more on a busy machine
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        this.route = HttpRoute.to(uri, https ? tlsSockets(config) : null, !config.insecureTls());
        this.headWithoutLength = head(route, config.headers(), Authorization.headerValue(config));
    }

    private static SSLSocketFactory tlsSockets(EndpointConfig config) {
        SSLContext tls = TlsContexts.forConfig(config);
        return tls == null ? (SSLSocketFactory) SSLSocketFactory.getDefault() : tls.getSocketFactory();
    }

    private static String head(HttpRoute route, Map<String, String> userHeaders, String authorization) {
        StringBuilder head = new StringBuilder("POST ").append(route.requestTarget()).append(" HTTP/1.1\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", route.hostHeader());
        headers.put("User-Agent", USER_AGENT);
        headers.put("Content-Encoding", "snappy");
        headers.put("Content-Type", "application/x-protobuf");
        headers.put("X-Prometheus-Remote-Write-Version", "0.1.0");
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        headers.putAll(userHeaders); // EndpointConfig refuses the names above, and CR or LF anywhere
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return head.toString();
    }

    /**
     * One POST of {@code body}, ended by the watchdog once the timeout has passed since the start.
     *
     * @throws InterruptedException when the client was closed (the sender is closing)
     */
    SendOutcome send(byte[] body) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        HttpConnection connection = takeConnection();
        ExchangeWatchdog.Armed watchdog = ExchangeWatchdog.closeAt(connection, deadline);
        HttpResponse response = null;
        try {
            if (!connection.isConnected()) {
                connection.connect(timeoutMillis);
            }
            byte[] head = (headWithoutLength + "Content-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
            response = connection.exchange(head, body, BODY_START_BYTES);
            return outcome(response);
        } catch (IOException | RuntimeException e) {
            if (isClosed()) {
                throw new InterruptedException("closed during the request");
            }
            if (connection.isClosed() || e instanceof SocketTimeoutException) {
                return SendOutcome.retryable(0, null, "no complete response within " + timeoutMillis + " ms");
            }
            return SendOutcome.retryable(0, null, describe(e));
        } finally {
            watchdog.cancel();
            release(connection, response != null && response.reusable());
        }
    }

    /** The idle connection if it is fresh enough, else a new one, not yet connected. */
    private HttpConnection takeConnection() throws InterruptedException {
        synchronized (lock) {
            if (closed) {
                throw new InterruptedException("closed");
            }
            HttpConnection connection = idle;
            idle = null;
            if (connection != null && System.nanoTime() - connection.idleSinceNanos() > KEEP_ALIVE_NANOS) {
                connection.close();
                connection = null;
            }
            inFlight = connection == null ? new HttpConnection(route) : connection;
            return inFlight;
        }
    }

    /** Keeps the connection for the next request if its answer was read to the end, else closes it. */
    private void release(HttpConnection connection, boolean reusable) {
        synchronized (lock) {
            inFlight = null;
            if (reusable && !closed && !connection.isClosed()) {
                connection.idleSince(System.nanoTime());
                idle = connection;
            } else {
                connection.close();
            }
        }
    }

    private SendOutcome outcome(HttpResponse response) {
        int status = response.status();
        String bodyStart = oneLine(response.bodyStart());
        if (status >= 200 && status < 300) {
            return SendOutcome.success(status);
        }
        if (status == 429 || status >= 500) {
            Duration retryAfter = RetryAfter.parse(response.retryAfter(), Instant.now(), retryAfterCap);
            return SendOutcome.retryable(status, retryAfter, bodyStart);
        }
        return SendOutcome.rejected(status, bodyStart);
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

    /** Ends the request in flight, if any, at once, and refuses new ones. */
    @Override
    public void close() {
        HttpConnection stuck;
        HttpConnection kept;
        synchronized (lock) {
            closed = true;
            stuck = inFlight;
            kept = idle;
            idle = null;
        }
        if (stuck != null) {
            stuck.close();
        }
        if (kept != null) {
            kept.close();
        }
    }

    private static String version() {
        Package p = RemoteWriteClient.class.getPackage();
        String version = p == null ? null : p.getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
