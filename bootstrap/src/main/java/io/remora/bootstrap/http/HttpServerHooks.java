package io.remora.bootstrap.http;

import io.remora.bootstrap.Meters;
import io.remora.bootstrap.Nesting;
import io.remora.bootstrap.label.ErrorTypes;
import io.remora.bootstrap.label.HttpMethods;
import io.remora.bootstrap.label.StatusCodes;
import io.remora.bootstrap.label.UrlSchemes;
import io.remora.bootstrap.meter.BucketBounds;
import io.remora.bootstrap.meter.HistogramFamily;

/**
 * What server advice calls: {@code http_server_request_duration_seconds} with the labels of the
 * OpenTelemetry conventions. One observation per request, at its outermost measured call.
 */
public final class HttpServerHooks {

    /** Routes are templates, so a few hundred label sets cover an application; the rest overflow. */
    private static final int MAX_LABEL_SETS = 2000;

    public static final HistogramFamily DURATION = Meters.REGISTRY.histogram(
            "http_server_request_duration_seconds", BucketBounds.HTTP_DURATION, MAX_LABEL_SETS,
            "http_request_method", "http_response_status_code", "http_route", "url_scheme", "error_type");

    public static final Nesting NESTING = new Nesting();

    /** The route of a request no handler of the application was chosen for. */
    public static final String NO_ROUTE = "";

    private HttpServerHooks() {
    }

    /** @return the start time when this call is the request's outermost, else 0 */
    public static long enter() {
        return NESTING.enter() ? System.nanoTime() : 0L;
    }

    /**
     * Pairs every {@link #enter}, first thing in the exit advice, before anything that could throw.
     * @return true when the call was the outermost and is to be recorded
     */
    public static boolean exit(long startNanos) {
        NESTING.exit();
        return startNanos != 0L;
    }

    /**
     * @param status the response status, below 1 when none was sent
     * @param thrown what the call threw, or null
     */
    public static void record(long startNanos, String method, int status, String route, String scheme, Throwable thrown) {
        long elapsed = System.nanoTime() - startNanos;
        String code = StatusCodes.of(status);
        DURATION.labels(HttpMethods.of(method), code, route, scheme,
                ErrorTypes.ofHttp(thrown, status, code, ErrorTypes.SERVER_ERRORS_FROM)).record(elapsed);
    }

    /**
     * A request the server answered itself, before any handler (the JDK server's 404 for a path no
     * context matches): no route, the method read from the request line.
     *
     * @param requestLine the raw line, {@code GET /path HTTP/1.1}
     * @param protocol the server's, {@code http} or {@code https}
     */
    public static void rejected(long startNanos, int status, String requestLine, String protocol) {
        record(startNanos, HttpMethods.ofRequestLine(requestLine), status, NO_ROUTE, UrlSchemes.of(protocol), null);
    }

    /**
     * The status a servlet container sends for a call that ended as it did: an exception thrown
     * before the response was committed becomes a 500 from the container after the call returns
     * (so at the call's exit the response still says 200), as the OpenTelemetry instrumentation
     * records it too; otherwise the response's own status.
     */
    public static int statusSent(int responseStatus, boolean committed, Throwable thrown) {
        return thrown != null && !committed ? 500 : responseStatus;
    }
}
