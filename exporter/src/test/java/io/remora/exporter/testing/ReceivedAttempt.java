package io.remora.exporter.testing;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One request as it reached {@link RemoteWriteReceiver}, and how it was answered. */
public final class ReceivedAttempt {

    private final int index;
    private final long arrivalNanos;
    private final Map<String, List<String>> headers;
    private final int sampleCount;
    private final ScriptedResponse response;

    ReceivedAttempt(int index, long arrivalNanos, Map<String, List<String>> headers, int sampleCount,
            ScriptedResponse response) {
        this.index = index;
        this.arrivalNanos = arrivalNanos;
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        this.headers = Collections.unmodifiableMap(copy);
        this.sampleCount = sampleCount;
        this.response = response;
    }

    /** 0 for the first request the receiver saw. */
    public int index() {
        return index;
    }

    /** {@link System#nanoTime()} when the request's headers arrived: attempt gaps show the backoff. */
    public long arrivalNanos() {
        return arrivalNanos;
    }

    /** The first value of a header, case-insensitive, or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Every value of a header, case-insensitive. */
    public List<String> headerValues(String name) {
        return headers.getOrDefault(name, List.of());
    }

    /** Samples in the request, or -1 when it could not be decoded. */
    public int sampleCount() {
        return sampleCount;
    }

    public ScriptedResponse response() {
        return response;
    }
}
