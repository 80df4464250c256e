package io.remora.it.instrument.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The server the HTTP client library applications talk to: a JDK HttpServer on loopback that reads
 * each request's body and answers {@code /missing} with 404, {@code /fail} with 500,
 * {@code /redirect} with a 302 to {@code /ok}, and anything else with 200.
 */
final class LoopbackServer implements AutoCloseable {

    private final HttpServer server;

    LoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", LoopbackServer::answer);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String base() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/redirect")) {
            exchange.getResponseHeaders().add("Location", "/ok");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
            return;
        }
        int status = path.equals("/missing") ? 404 : path.equals("/fail") ? 500 : 200;
        byte[] body = (status == 200 ? "fine" : "not fine").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
