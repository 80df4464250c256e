package io.remora.it.dashboard.app;

import io.remora.it.instrument.app.Gate;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A client of the order service of test-apps/ that calls it until it is stopped, through
 * {@code java.net.http.HttpClient} ({@code send} and {@code sendAsync}): every route, a 404, the
 * handler that throws, an order the database refuses (a NOT NULL column left empty: a JDBC error
 * and a 500), and a call to a closed port (no connection). Every few rounds it asks for a full
 * collection, so that GC pauses are seen in every rate window. Its arguments: the gate file, the
 * service's port.
 */
public final class OrdersClientApp {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private OrdersClientApp() {
    }

    public static void main(String[] args) throws Exception {
        Gate.await(args[0]);
        URI base = URI.create("http://127.0.0.1:" + Integer.parseInt(args[1]));
        URI closed = URI.create("http://127.0.0.1:" + closedPort() + "/");
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        for (long round = 1; ; round++) {
            send(http, post(base, "{\"item\":\"item-" + round + "\",\"quantity\":" + round + "}"));
            send(http, get(base, "/orders/" + (1 + round % 3)));
            send(http, get(base, "/orders/" + (100_000 + round)));
            send(http, get(base, "/boom"));
            send(http, post(base, "{\"quantity\":1}"));
            send(http, get(base, "/orders"));
            CompletableFuture<HttpResponse<Void>> async =
                    http.sendAsync(get(base, "/async/" + round % 50), HttpResponse.BodyHandlers.discarding());
            try {
                http.send(HttpRequest.newBuilder(closed).timeout(TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (IOException expected) {
                // nothing listens there: counted with the exception's class as error_type
            }
            async.join();
            if (round % 10 == 0) {
                System.gc();
            }
            Thread.sleep(100);
        }
    }

    private static void send(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
        http.send(request, HttpResponse.BodyHandlers.discarding());
    }

    private static HttpRequest get(URI base, String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).GET().build();
    }

    private static HttpRequest post(URI base, String json) {
        return HttpRequest.newBuilder(base.resolve("/orders")).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    /** A loopback port nothing listens on: bound, then closed. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
