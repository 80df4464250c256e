package io.remora.bootstrap.http;

import io.remora.bootstrap.meter.HistogramSnapshot;

/** Reads {@code http_client_request_duration_seconds} counts and sums in tests. */
public final class ClientDurations {

    private ClientDurations() {
    }

    public static long count(String method, String status, String host, String port, String errorType) {
        return snapshot(method, status, host, port, errorType).count();
    }

    public static HistogramSnapshot snapshot(String method, String status, String host, String port, String errorType) {
        HistogramSnapshot snapshot = new HistogramSnapshot(HttpClientHooks.DURATION.bounds());
        HttpClientHooks.DURATION.labels(method, status, host, port, errorType).snapshot(snapshot);
        return snapshot;
    }
}
