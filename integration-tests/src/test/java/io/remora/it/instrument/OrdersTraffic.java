package io.remora.it.instrument;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The known traffic sent to the order service of test-apps/ (the same on Spring Boot 2 and 3),
 * each answer checked: whatever the agent counts is compared with these constants. The orders
 * are created first, so their ids are 1 to {@link #CREATED} in the fresh in-memory database.
 */
final class OrdersTraffic {

    static final int CREATED = 5;
    static final int FOUND = 7;
    static final int MISSING = 3;
    static final int FAILED = 2;
    static final int ASYNC = 4;
    static final int LISTED = 2;
    /** The readiness probe's one GET /orders answered 200 (earlier probes found no listener). */
    static final int READINESS_PROBES = 1;
    /** schema.sql: one CREATE TABLE, run by Spring Boot's database initializer at start. */
    static final int SCHEMA_STATEMENTS = 1;
    /** SELECTs: one per lookup (found or not), one per list (the probe's too), one per async report. */
    static final int SELECTS = FOUND + MISSING + LISTED + READINESS_PROBES + ASYNC;

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final URI base;

    OrdersTraffic(int port) {
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    /** The status of GET /orders, or -1 when nothing answers yet. */
    int probe() {
        try {
            return http.send(get("/orders"), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Sends all of it; an AssertionError at the first unexpected status. */
    void send() {
        for (int i = 1; i <= CREATED; i++) {
            expect(201, HttpRequest.newBuilder(base.resolve("/orders")).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"item-" + i + "\",\"quantity\":" + i + "}"))
                    .build());
        }
        for (int i = 0; i < FOUND; i++) {
            expect(200, get("/orders/" + (1 + i % CREATED)));
        }
        for (int i = 0; i < MISSING; i++) {
            expect(404, get("/orders/" + (1000 + i)));
        }
        for (int i = 0; i < FAILED; i++) {
            expect(500, get("/boom"));
        }
        for (int i = 0; i < ASYNC; i++) {
            expect(200, get("/async/" + (10 * (i + 1))));
        }
        for (int i = 0; i < LISTED; i++) {
            expect(200, get("/orders"));
        }
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).GET().build();
    }

    private void expect(int status, HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != status) {
                throw new AssertionError(request.method() + " " + request.uri() + " answered " + response.statusCode()
                        + ", expected " + status + ": " + response.body());
            }
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
