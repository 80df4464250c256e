package io.remora.it.instrument.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code java.net.http.HttpClient} against a JDK HttpServer in the same process, an exact number of
 * times: {@value #SENT_OK} {@code send} GETs answered 200, {@value #SENT_NOT_FOUND} {@code send} GETs
 * answered 404, {@value #ASYNC} concurrent {@code sendAsync} POSTs answered 200, and
 * {@value #REFUSED} {@code send} GETs to a closed port. Prints the two ports, then what it saw.
 */
public final class JavaNetHttpClientApp {

    public static final int SENT_OK = 5;
    public static final int SENT_NOT_FOUND = 3;
    public static final int ASYNC = 6;
    public static final int REFUSED = 2;

    private JavaNetHttpClientApp() {
    }

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", JavaNetHttpClientApp::answer);
        server.start();
        int closedPort = closedPort();
        Gate.await(args[0]);
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        HttpClient client = HttpClient.newHttpClient();
        int ok = 0;
        int notFound = 0;
        for (int i = 0; i < SENT_OK; i++) {
            ok += client.send(get(base + "/ok"), HttpResponse.BodyHandlers.ofString()).statusCode() == 200 ? 1 : 0;
        }
        for (int i = 0; i < SENT_NOT_FOUND; i++) {
            notFound += client.send(get(base + "/missing"), HttpResponse.BodyHandlers.ofString()).statusCode() == 404
                    ? 1 : 0;
        }
        List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < ASYNC; i++) {
            HttpRequest post = HttpRequest.newBuilder(URI.create(base + "/ok"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"n\":" + i + "}")).build();
            futures.add(client.sendAsync(post, HttpResponse.BodyHandlers.ofString()));
        }
        int async = 0;
        for (CompletableFuture<HttpResponse<String>> future : futures) {
            async += future.join().statusCode() == 200 ? 1 : 0;
        }
        int refused = 0;
        for (int i = 0; i < REFUSED; i++) {
            try {
                client.send(get("http://127.0.0.1:" + closedPort + "/"), HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException expected) {
                refused++;
            }
        }
        server.stop(0);
        System.out.println("server-port " + server.getAddress().getPort() + " closed-port " + closedPort);
        System.out.println("ok " + ok + " not-found " + notFound + " async " + async + " refused " + refused);
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).GET().build();
    }

    /** A loopback port nothing listens on: bound, then closed. */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        boolean missing = exchange.getRequestURI().getPath().equals("/missing");
        byte[] body = (missing ? "no such thing" : "fine").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(missing ? 404 : 200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
