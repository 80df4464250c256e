package io.remora.bootstrap.reactornetty;

import io.remora.bootstrap.http.HttpClientHooks;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.remora.bootstrap.meter.HistogramSnapshot;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class ReactorClientExchangeTest {

    @Test
    void aCompletedRequestIsRecordedOnceWithTheUrlsHostAndPort() {
        Object handler = new Object();
        ReactorClientExchange.start(handler);
        long before = count("GET", "200", "orders.example", "8080", "");
        ReactorClientExchange.completed(handler, "GET", "http://orders.example:8080/orders/1?x=1", 200);
        ReactorClientExchange.completed(handler, "GET", "http://orders.example:8080/orders/1?x=1", 200);
        ReactorClientExchange.failed(handler, "GET", "http://orders.example:8080/orders/1", new ConnectException());
        assertEquals(before + 1, count("GET", "200", "orders.example", "8080", ""));
        assertEquals(0, count("GET", "", "orders.example", "8080", "java.net.ConnectException"));
    }

    @Test
    void aRequestNeverStartedIsNotRecorded() {
        long before = count("GET", "200", "never.example", "80", "");
        ReactorClientExchange.completed(new Object(), "GET", "http://never.example/", 200);
        assertEquals(before, count("GET", "200", "never.example", "80", ""));
    }

    @Test
    void theSchemesDefaultPortUserInfoAndIpv6AreReadFromTheUrl() {
        assertRecorded("https://secure.example/path", "secure.example", "443");
        assertRecorded("http://plain.example", "plain.example", "80");
        assertRecorded("http://user:secret@auth.example:9000/x", "auth.example", "9000");
        assertRecorded("http://[::1]:8443/x", "[::1]", "8443");
        assertRecorded("http://[::1]/x", "[::1]", "80");
    }

    @Test
    void aFailedRequestHasNoStatusAndTheClassOfItsError() {
        Object handler = new Object();
        ReactorClientExchange.start(handler);
        long before = count("POST", "", "127.0.0.1", "1", "java.net.ConnectException");
        ReactorClientExchange.failed(handler, "POST", "http://127.0.0.1:1/", new ConnectException("refused"));
        assertEquals(before + 1, count("POST", "", "127.0.0.1", "1", "java.net.ConnectException"));
    }

    private static void assertRecorded(String url, String host, String port) {
        Object handler = new Object();
        ReactorClientExchange.start(handler);
        long before = count("DELETE", "204", host, port, "");
        ReactorClientExchange.completed(handler, "DELETE", url, 204);
        assertEquals(before + 1, count("DELETE", "204", host, port, ""), url);
    }

    private static long count(String method, String status, String host, String port, String errorType) {
        HistogramSnapshot snapshot = new HistogramSnapshot(HttpClientHooks.DURATION.bounds());
        HttpClientHooks.DURATION.labels(method, status, host, port, errorType).snapshot(snapshot);
        return snapshot.count();
    }
}
