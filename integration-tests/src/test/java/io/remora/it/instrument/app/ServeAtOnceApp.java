package io.remora.it.instrument.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Serves from {@code main()} at once, with no gate to wait for the agent: {@value #BY_URL_CONNECTION}
 * requests through {@code HttpURLConnection}, then {@value #BY_HTTP_CLIENT} through
 * {@code java.net.http.HttpClient}, all to itself, then it stops. Most of them are over before the agent
 * thread could have installed anything; the classes they need wait for the advice as they load.
 */
public final class ServeAtOnceApp {

    public static final int BY_HTTP_CLIENT = 200;
    public static final int BY_URL_CONNECTION = 50;
    public static final String ROUTE = "/at-once";

    private ServeAtOnceApp() {
    }

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(ROUTE, ServeAtOnceApp::answer);
        server.start();
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + ROUTE);
        int ok = 0;
        // HttpURLConnection first: its first request leaves within milliseconds of main()
        URL url = uri.toURL();
        for (int i = 0; i < BY_URL_CONNECTION; i++) {
            HttpURLConnection connection = (HttpURLConnection) url.openConnection();
            ok += connection.getResponseCode() == 200 ? 1 : 0;
            connection.getInputStream().close();
        }
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < BY_HTTP_CLIENT; i++) {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.discarding());
            ok += response.statusCode() == 200 ? 1 : 0;
        }
        server.stop(0);
        System.out.println("ok " + ok);
    }

    private static void answer(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }
}
