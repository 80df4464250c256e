package io.remora.bootstrap.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.remora.bootstrap.meter.HistogramSnapshot;
import org.junit.jupiter.api.Test;

class HttpServerHooksTest {

    @Test
    void anExceptionBeforeTheResponseIsCommittedIsAContainers500() {
        assertEquals(500, HttpServerHooks.statusSent(200, false, new IllegalStateException()));
    }

    @Test
    void aCommittedResponseOrNoExceptionKeepsItsStatus() {
        assertEquals(200, HttpServerHooks.statusSent(200, true, new IllegalStateException()));
        assertEquals(404, HttpServerHooks.statusSent(404, false, null));
    }

    @Test
    void aRequestTheServerRejectsHasNoRouteItsLinesMethodAndNoErrorBelow500() {
        long before = count("DELETE", "404", "http", "");
        HttpServerHooks.rejected(System.nanoTime(), 404, "DELETE /nowhere HTTP/1.1", "http");
        assertEquals(before + 1, count("DELETE", "404", "http", ""));

        long others = count("_OTHER", "400", "https", "");
        HttpServerHooks.rejected(System.nanoTime(), 400, "garbage", "https");
        assertEquals(others + 1, count("_OTHER", "400", "https", ""));
    }

    private static long count(String method, String status, String scheme, String errorType) {
        HistogramSnapshot snapshot = new HistogramSnapshot(HttpServerHooks.DURATION.bounds());
        HttpServerHooks.DURATION.labels(method, status, HttpServerHooks.NO_ROUTE, scheme, errorType).snapshot(snapshot);
        return snapshot.count();
    }
}
