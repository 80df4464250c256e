package io.remora.it.instrument.app;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The JDK's HttpServer with a filter and three contexts, sent an exact number of requests:
 * {@value #OK} GETs to {@code /items/<n>} (200), {@value #NOT_FOUND} POSTs to {@code /items/missing}
 * (404), {@value #FAILED} GETs to {@code /fail}, whose handler throws, {@value #NO_CONTEXT} GETs to
 * {@code /nowhere}, which no context matches (the server's own 404). Prints what its client saw.
 */
public final class JdkHttpServerApp {

    public static final int OK = 7;
    public static final int NOT_FOUND = 4;
    public static final int FAILED = 3;
    public static final int NO_CONTEXT = 2;
    /** Second argument: one request before the gate. */
    public static final String WARM_UP = "warm-up";

    private JdkHttpServerApp() {
    }

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/items", JdkHttpServerApp::items).getFilters().add(new PassThrough());
        server.createContext("/fail", exchange -> {
            throw new IllegalStateException("handler failed on purpose");
        });
        server.start();
        int port = server.getAddress().getPort();
        if (args.length > 1 && args[1].equals(WARM_UP)) {
            // served before an agent is attached: the server's classes are loaded and compiled
            System.out.println("warm-up " + HttpCalls.status(port, "GET", "/items/warm-up"));
        }
        Gate.await(args[0]);
        int ok = 0;
        int notFound = 0;
        int failed = 0;
        int noContext = 0;
        for (int i = 0; i < OK; i++) {
            ok += HttpCalls.status(port, "GET", "/items/" + i) == 200 ? 1 : 0;
        }
        for (int i = 0; i < NOT_FOUND; i++) {
            notFound += HttpCalls.status(port, "POST", "/items/missing") == 404 ? 1 : 0;
        }
        for (int i = 0; i < FAILED; i++) {
            failed += HttpCalls.status(port, "GET", "/fail") < 0 ? 1 : 0;
        }
        for (int i = 0; i < NO_CONTEXT; i++) {
            noContext += HttpCalls.status(port, "GET", "/nowhere") == 404 ? 1 : 0;
        }
        server.stop(0);
        System.out.println("ok " + ok + " not-found " + notFound + " failed " + failed + " no-context " + noContext);
    }

    private static void items(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        boolean missing = exchange.getRequestURI().getPath().endsWith("missing");
        byte[] body = (missing ? "no such item" : "item").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(missing ? 404 : 200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    /** A user filter: the chain runs nested, and is still one request. */
    private static final class PassThrough extends Filter {
        @Override
        public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
            chain.doFilter(exchange);
        }

        @Override
        public String description() {
            return "pass-through";
        }
    }
}
