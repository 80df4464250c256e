package io.remora.bootstrap.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;

/** Each test talks to its own host, so the shared family's counts do not mix. */
class HttpClientHooksTest {

    @Test
    void aResponseIsRecordedWhenItsFutureCompletesWithItsStatus() {
        CompletableFuture<HttpResponse<String>> future = new CompletableFuture<>();
        HttpClientHooks.sent(System.nanoTime(), "GET", URI.create("http://completes.test:8080/x"), future, null);
        assertEquals(0, ClientDurations.count("GET", "200", "completes.test", "8080", ""));

        future.complete(new Response(200));
        assertEquals(1, ClientDurations.count("GET", "200", "completes.test", "8080", ""));
    }

    @Test
    void aClientErrorStatusIsTheErrorType() {
        HttpClientHooks.sent(System.nanoTime(), "DELETE", URI.create("https://status.test/x"),
                CompletableFuture.completedFuture(new Response(503)), null);
        HttpClientHooks.sent(System.nanoTime(), "DELETE", URI.create("https://status.test/y"),
                CompletableFuture.completedFuture(new Response(404)), null);
        assertEquals(1, ClientDurations.count("DELETE", "503", "status.test", "443", "503"));
        assertEquals(1, ClientDurations.count("DELETE", "404", "status.test", "443", "404"));
    }

    @Test
    void aFailedFutureIsItsCausesClassWithNoStatus() {
        CompletableFuture<HttpResponse<String>> future = new CompletableFuture<>();
        HttpClientHooks.sent(System.nanoTime(), "POST", URI.create("http://refused.test:9/"), future, null);
        future.completeExceptionally(new CompletionException(new ConnectException("refused")));
        assertEquals(1, ClientDurations.count("POST", "", "refused.test", "9", "java.net.ConnectException"));
    }

    @Test
    void aCancelledRequestIsCounted() {
        CompletableFuture<HttpResponse<String>> future = new CompletableFuture<>();
        HttpClientHooks.sent(System.nanoTime(), "GET", URI.create("http://cancelled.test/"), future, null);
        future.cancel(true);
        assertEquals(1, ClientDurations.count("GET", "", "cancelled.test", "80",
                "java.util.concurrent.CancellationException"));
    }

    @Test
    void aSendThatThrowsBeforeMakingAFutureIsRecordedAtOnce() {
        HttpClientHooks.sent(System.nanoTime(), "CONNECT", URI.create("http://thrown.test/"), null,
                new IllegalArgumentException("Unsupported method CONNECT"));
        assertEquals(1, ClientDurations.count("CONNECT", "", "thrown.test", "80",
                "java.lang.IllegalArgumentException"));
    }

    /** Just a status: what the hooks read of a response. */
    private static final class Response implements HttpResponse<String> {
        private final int status;

        Response(int status) {
            this.status = status;
        }

        @Override
        public int statusCode() {
            return status;
        }

        @Override
        public HttpRequest request() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<HttpResponse<String>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public HttpHeaders headers() {
            throw new UnsupportedOperationException();
        }

        @Override
        public String body() {
            return "";
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            throw new UnsupportedOperationException();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
