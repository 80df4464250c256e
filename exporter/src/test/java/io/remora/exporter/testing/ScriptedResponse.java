package io.remora.exporter.testing;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What {@link RemoteWriteReceiver} does with one request: answer with a status, or drop the connection. */
public final class ScriptedResponse {

    private final int status;
    private final Map<String, String> headers;
    private final String body;
    private final Duration delay;
    private final boolean reset;

    private ScriptedResponse(int status, Map<String, String> headers, String body, Duration delay, boolean reset) {
        this.status = status;
        this.headers = Collections.unmodifiableMap(headers);
        this.body = body;
        this.delay = delay;
        this.reset = reset;
    }

    /** 204 No Content, as Prometheus and VictoriaMetrics answer a good write. */
    public static ScriptedResponse ok() {
        return status(204);
    }

    public static ScriptedResponse status(int status) {
        return status(status, "");
    }

    public static ScriptedResponse status(int status, String body) {
        return new ScriptedResponse(status, new LinkedHashMap<>(), body, Duration.ZERO, false);
    }

    /** 429 with the given {@code Retry-After} value, sent verbatim (it may be garbage on purpose). */
    public static ScriptedResponse tooManyRequests(String retryAfter) {
        return status(429).withHeader("Retry-After", retryAfter);
    }

    /** Reads the request, then closes the connection without a word. */
    public static ScriptedResponse reset() {
        return new ScriptedResponse(0, new LinkedHashMap<>(), "", Duration.ZERO, true);
    }

    public ScriptedResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ScriptedResponse(status, more, body, delay, reset);
    }

    /** Waits this long after reading the request before answering (or resetting). */
    public ScriptedResponse delayedBy(Duration wait) {
        return new ScriptedResponse(status, new LinkedHashMap<>(headers), body, wait, reset);
    }

    /** True when a real receiver would have stored the samples. */
    public boolean accepts() {
        return !reset && status >= 200 && status < 300;
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public String body() {
        return body;
    }

    public Duration delay() {
        return delay;
    }

    public boolean isReset() {
        return reset;
    }

    @Override
    public String toString() {
        return (reset ? "reset" : String.valueOf(status)) + (delay.isZero() ? "" : " after " + delay.toMillis() + " ms");
    }
}
