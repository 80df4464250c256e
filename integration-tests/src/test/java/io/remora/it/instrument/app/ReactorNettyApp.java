package io.remora.it.instrument.app;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

/**
 * A Reactor Netty server with its own routing ({@code /orders/{id}}, {@code /orders}, {@code /fail},
 * {@code /slow}) and a Reactor Netty client calling it on loopback, an exact number of times:
 * {@value #ORDERS} GETs of an order (200), {@value #CREATED} POSTs (201), {@value #NOT_FOUND} GETs of
 * a path no route matches (the routes' own 404), one GET redirected (302) to an order, which the
 * client follows, {@value #FAILED} GETs whose handler fails
 * (Reactor Netty's 500), {@value #PIPELINED} GETs of orders pipelined on one
 * connection (written at once, from a plain socket), one GET whose client gives up before the answer (the server sees the
 * connection close), and {@value #REFUSED} GETs to a closed port. Prints the ports, then what it saw.
 */
public final class ReactorNettyApp {

    public static final int ORDERS = 4;
    public static final int CREATED = 2;
    public static final int NOT_FOUND = 3;
    public static final int FAILED = 2;
    public static final int REFUSED = 2;
    public static final int PIPELINED = 3;

    private ReactorNettyApp() {
    }

    public static void main(String[] args) throws Exception {
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes
                        .get("/orders/{id}", (request, response) ->
                                response.sendString(Mono.just("order " + request.param("id"))))
                        .post("/orders", (request, response) -> request.receive().aggregate().asString()
                                .flatMap(body -> response.status(201).sendString(Mono.just("created " + body)).then()))
                        .get("/redirect", (request, response) -> response.sendRedirect("/orders/9"))
                        .get("/fail", (request, response) -> Mono.error(new IllegalStateException("boom")))
                        .get("/slow", (request, response) -> Mono.delay(Duration.ofSeconds(2))
                                .then(response.sendString(Mono.just("late")).then())))
                .bindNow();
        int closedPort = JavaNetHttpClientApp.closedPort();
        Gate.await(args[0]);
        String base = "http://127.0.0.1:" + server.port();
        HttpClient client = HttpClient.create();
        int orders = 0;
        for (int i = 0; i < ORDERS; i++) {
            orders += status(client.get().uri(base + "/orders/" + i)) == 200 ? 1 : 0;
        }
        int created = 0;
        for (int i = 0; i < CREATED; i++) {
            created += status(client.post().uri(base + "/orders")
                    .send(reactor.netty.ByteBufFlux.fromString(Mono.just("{\"n\":" + i + "}")))) == 201 ? 1 : 0;
        }
        int notFound = 0;
        for (int i = 0; i < NOT_FOUND; i++) {
            notFound += status(client.get().uri(base + "/missing/" + i)) == 404 ? 1 : 0;
        }
        // followed by the client: one request for it, two for the server
        int redirected = status(client.followRedirect(true).get().uri(base + "/redirect")) == 200 ? 1 : 0;
        int failed = 0;
        for (int i = 0; i < FAILED; i++) {
            failed += status(client.get().uri(base + "/fail")) == 500 ? 1 : 0;
        }
        int pipelined = pipelined(server.port());
        String gaveUp;
        try {
            status(client.responseTimeout(Duration.ofMillis(300)).get().uri(base + "/slow"));
            gaveUp = "answered";
        } catch (RuntimeException expected) {
            gaveUp = "gave-up";
        }
        int refused = 0;
        for (int i = 0; i < REFUSED; i++) {
            try {
                status(client.get().uri("http://127.0.0.1:" + closedPort + "/"));
            } catch (RuntimeException expected) {
                refused++;
            }
        }
        // the server sees the abandoned request's connection close; give its event loop a moment
        Thread.sleep(500);
        server.disposeNow();
        System.out.println("server-port " + server.port() + " closed-port " + closedPort);
        System.out.println("orders " + orders + " created " + created + " not-found " + notFound + " redirected " + redirected + " failed " + failed
                + " pipelined " + pipelined + " slow " + gaveUp + " refused " + refused);
    }

    /**
     * {@value #PIPELINED} GETs of orders written at once on one connection (HTTP/1.1 pipelining), the
     * answers read until each order's body has arrived; how many arrived.
     */
    private static int pipelined(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            StringBuilder requests = new StringBuilder();
            for (int i = 0; i < PIPELINED; i++) {
                requests.append("GET /orders/p").append(i).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            }
            socket.getOutputStream().write(requests.toString().getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            StringBuilder answers = new StringBuilder();
            byte[] buffer = new byte[4096];
            int arrived = 0;
            while (arrived < PIPELINED) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                answers.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
                arrived = 0;
                for (int i = 0; i < PIPELINED; i++) {
                    arrived += answers.indexOf("order p" + i) >= 0 ? 1 : 0;
                }
            }
            return arrived;
        }
    }

    private static int status(HttpClient.ResponseReceiver<?> request) {
        Integer status = request.responseSingle((response, body) -> body.asString().defaultIfEmpty("")
                .map(text -> response.status().code())).block(Duration.ofSeconds(30));
        return status == null ? -1 : status;
    }
}
