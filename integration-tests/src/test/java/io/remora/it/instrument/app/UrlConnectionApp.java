package io.remora.it.instrument.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * {@code java.net.HttpURLConnection} against a JDK HttpServer in the same process, an exact number
 * of times, each connection asked twice for what it already has (a second getResponseCode and
 * getInputStream): {@value #GETS} GETs answered 200, {@value #POSTS} POSTs answered 200,
 * {@value #ERRORS} GETs answered 500, {@value #REFUSED_GETS} GETs and {@value #REFUSED_POSTS} POSTs
 * to a closed port, and one GET to a server that closes its first connection without answering
 * and answers the JDK's retry. Then waits the milliseconds given as second argument, so that the
 * agent sends remote-write requests while its instrumentation is on. Prints the ports, then what it saw.
 */
public final class UrlConnectionApp {

    public static final int GETS = 4;
    public static final int POSTS = 3;
    public static final int ERRORS = 2;
    public static final int REFUSED_GETS = 2;
    public static final int REFUSED_POSTS = 1;

    private UrlConnectionApp() {
    }

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", UrlConnectionApp::answer);
        server.start();
        int closedPort = JavaNetHttpClientApp.closedPort();
        try (ServerSocket flaky = new ServerSocket(0, 2, InetAddress.getLoopbackAddress())) {
            Gate.await(args[0]);
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            int ok = 0;
            for (int i = 0; i < GETS; i++) {
                ok += exchange(base + "/ok", "GET") == 200 ? 1 : 0;
            }
            int posted = 0;
            for (int i = 0; i < POSTS; i++) {
                posted += exchange(base + "/ok", "POST") == 200 ? 1 : 0;
            }
            int errors = 0;
            for (int i = 0; i < ERRORS; i++) {
                errors += exchange(base + "/error", "GET") == 500 ? 1 : 0;
            }
            int refused = 0;
            for (int i = 0; i < REFUSED_GETS; i++) {
                refused += exchange("http://127.0.0.1:" + closedPort + "/", "GET") == -1 ? 1 : 0;
            }
            for (int i = 0; i < REFUSED_POSTS; i++) {
                refused += exchange("http://127.0.0.1:" + closedPort + "/", "POST") == -1 ? 1 : 0;
            }
            Thread flakyServer = new Thread(() -> closeFirstAnswerSecond(flaky), "flaky-server");
            flakyServer.start();
            int retried = exchange("http://127.0.0.1:" + flaky.getLocalPort() + "/retried", "GET");
            flakyServer.join();
            server.stop(0);
            Thread.sleep(Long.parseLong(args[1]));
            System.out.println("server-port " + server.getAddress().getPort() + " closed-port " + closedPort
                    + " flaky-port " + flaky.getLocalPort());
            System.out.println("ok " + ok + " posted " + posted + " errors " + errors + " refused " + refused
                    + " retried " + retried);
        }
    }

    /**
     * One request on its own connection; the status, read twice, or -1 when the connection failed
     * (the failure is asked for twice too).
     */
    private static int exchange(String url, String method) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        connection.setRequestMethod(method);
        try {
            if (method.equals("POST")) {
                connection.setDoOutput(true);
                try (OutputStream body = connection.getOutputStream()) {
                    body.write("{}".getBytes(StandardCharsets.UTF_8));
                }
            }
            int status = connection.getResponseCode();
            if (connection.getResponseCode() != status) {
                throw new IllegalStateException("a second getResponseCode differs");
            }
            try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                body.readAllBytes();
            }
            if (status >= 400) {
                try {
                    connection.getInputStream();
                    throw new IllegalStateException("getInputStream of a " + status + " did not throw");
                } catch (IOException expected) {
                    // the JDK remembers the status as a failure
                }
            }
            return status;
        } catch (ConnectException refused) {
            try {
                connection.getResponseCode();
                throw new IllegalStateException("a refused connection answered the second time");
            } catch (ConnectException expected) {
                return -1;
            }
        } finally {
            connection.disconnect();
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        boolean error = exchange.getRequestURI().getPath().equals("/error");
        byte[] body = (error ? "broken" : "fine").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(error ? 500 : 200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    /** Reads the first request and closes without a word; answers the second with 200. */
    private static void closeFirstAnswerSecond(ServerSocket server) {
        try {
            try (Socket first = server.accept()) {
                readHead(first.getInputStream());
            }
            try (Socket second = server.accept()) {
                readHead(second.getInputStream());
                second.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
                        .getBytes(StandardCharsets.US_ASCII));
            }
        } catch (IOException e) {
            throw new IllegalStateException("flaky server: " + e, e);
        }
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("client closed before the end of its request head");
            }
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }
}
