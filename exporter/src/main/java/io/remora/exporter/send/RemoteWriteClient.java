package io.remora.exporter.send;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Flow;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

/** Sends one snappy-compressed remote-write request, once, and says how it went. Never retries. */
final class RemoteWriteClient implements AutoCloseable {

    static final String USER_AGENT = "remora/" + version();
    /** How much of a refusal's body is kept for the log. */
    static final int BODY_START_BYTES = 512;

    private final URI url;
    private final String endpointLabel;
    private final Map<String, String> extraHeaders;
    private final String authorization;
    private final Duration timeout;
    private final Duration retryAfterCap;
    private final ExecutorService executor;
    private final HttpClient http;

    /** Reads the secret files now: a missing or unreadable one fails here, not at the first send. */
    RemoteWriteClient(EndpointConfig config, String threadNamePrefix) {
        this.url = config.url();
        this.endpointLabel = config.endpointLabel();
        this.extraHeaders = config.headers();
        this.authorization = Authorization.headerValue(config);
        this.timeout = config.timeout();
        this.retryAfterCap = RetryAfter.cap(config.maxBackoff());
        SSLContext tls = TlsContexts.forConfig(config);
        this.executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), new DaemonThreads(threadNamePrefix));
        // HTTP/1.1: requests to one endpoint go one at a time, so HTTP/2 would gain nothing, and
        // its cleartext upgrade headers confuse some proxies in front of receivers.
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor);
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder.build();
    }

    /**
     * One POST of {@code body}, bounded by the configured timeout.
     *
     * @throws InterruptedException when the calling thread is interrupted (the sender is closing)
     */
    SendOutcome send(byte[] body) throws InterruptedException {
        CompletableFuture<HttpResponse<byte[]>> pending;
        try {
            pending = http.sendAsync(request(body), info -> new BodyStart());
        } catch (RuntimeException e) {
            return SendOutcome.retryable(0, null, describe(e));
        }
        HttpResponse<byte[]> response;
        try {
            response = pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            pending.cancel(true);
            throw e;
        } catch (TimeoutException e) {
            pending.cancel(true);
            return SendOutcome.retryable(0, null, "no complete response within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return SendOutcome.retryable(0, null, describe(e.getCause()));
        }
        return classify(response);
    }

    private HttpRequest request(byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        extraHeaders.forEach(request::header);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        // last, and EndpointConfig refuses user headers of these names
        return request.header("Content-Encoding", "snappy")
                .header("Content-Type", "application/x-protobuf")
                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                .header("User-Agent", USER_AGENT)
                .build();
    }

    private SendOutcome classify(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return SendOutcome.success(status);
        }
        String bodyStart = oneLine(new String(response.body(), StandardCharsets.UTF_8));
        if (status == 429 || status >= 500) {
            Duration retryAfter = RetryAfter.parse(
                    response.headers().firstValue("Retry-After").orElse(null), Instant.now(), retryAfterCap);
            return SendOutcome.retryable(status, retryAfter, bodyStart);
        }
        return SendOutcome.rejected(status, bodyStart);
    }

    /** An error as it may be logged: the endpoint's query string may hold a key, so keep only the label. */
    private String describe(Throwable error) {
        String message = error.getMessage();
        String text = error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return oneLine(text.replace(url.toString(), endpointLabel));
    }

    private static String oneLine(String text) {
        return text.replace('\r', ' ').replace('\n', ' ').trim();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private static String version() {
        Package p = RemoteWriteClient.class.getPackage();
        String version = p == null ? null : p.getImplementationVersion();
        return version == null ? "dev" : version;
    }

    /** Keeps the first bytes of a response body and reads the rest away, so the connection can be reused. */
    private static final class BodyStart implements HttpResponse.BodySubscriber<byte[]> {
        private final byte[] kept = new byte[BODY_START_BYTES];
        private int length;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();

        @Override
        public CompletableFuture<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer item : items) {
                int n = Math.min(item.remaining(), kept.length - length);
                item.get(kept, length, n);
                length += n;
            }
        }

        /** The status already arrived; a body cut short still tells us what we need. */
        @Override
        public void onError(Throwable error) {
            onComplete();
        }

        @Override
        public void onComplete() {
            byte[] body = new byte[length];
            System.arraycopy(kept, 0, body, 0, length);
            result.complete(body);
        }
    }
}
