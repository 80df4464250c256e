package io.remora.bootstrap.http;

import io.remora.bootstrap.Meters;
import io.remora.bootstrap.label.ErrorTypes;
import io.remora.bootstrap.label.HttpMethods;
import io.remora.bootstrap.label.ServerPorts;
import io.remora.bootstrap.label.StatusCodes;
import io.remora.bootstrap.meter.BucketBounds;
import io.remora.bootstrap.meter.HistogramFamily;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * What client advice calls: {@code http_client_request_duration_seconds} with the labels of the
 * OpenTelemetry conventions, one observation per request, from its start until its status is known
 * or it has failed. Shared by {@code java.net.http.HttpClient} and {@code HttpURLConnection}.
 */
public final class HttpClientHooks {

    /** A client talks to a bounded set of servers; past this the rest overflow. */
    private static final int MAX_LABEL_SETS = 2000;

    public static final HistogramFamily DURATION = Meters.REGISTRY.histogram(
            "http_client_request_duration_seconds", BucketBounds.HTTP_DURATION, MAX_LABEL_SETS,
            "http_request_method", "http_response_status_code", "server_address", "server_port", "error_type");

    private HttpClientHooks() {
    }

    /**
     * @param host the server's host as the request's URI names it
     * @param port from {@link ServerPorts#of}
     * @param status the response status, below 1 when no response arrived
     * @param thrown why the request failed, or null
     */
    public static void record(long startNanos, String method, String host, String port, int status, Throwable thrown) {
        long elapsed = System.nanoTime() - startNanos;
        String code = StatusCodes.of(status);
        DURATION.labels(HttpMethods.of(method), code, host, port,
                ErrorTypes.ofHttp(thrown, status, code, ErrorTypes.CLIENT_ERRORS_FROM)).record(elapsed);
    }

    /**
     * {@code java.net.http}: called when {@code HttpClientImpl}'s one internal {@code sendAsync}
     * (which {@code send} and the public {@code sendAsync} methods all go through) returns. The
     * request is measured until the future it returned completes; one that threw before making a
     * future is recorded now.
     *
     * @param response the future it returned, null when it threw
     * @param thrown what it threw, or null
     */
    public static void sent(long startNanos, String method, URI uri, CompletableFuture<?> response, Throwable thrown) {
        String host = uri.getHost();
        String port = ServerPorts.of(uri.getPort(), uri.getScheme());
        if (response == null) {
            record(startNanos, method, host, port, 0, thrown);
        } else {
            response.whenComplete(new ResponseCompletion(startNanos, method, host, port));
        }
    }
}
