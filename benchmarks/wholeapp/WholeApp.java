import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The application of the whole-application benchmark: the JDK's HttpServer on a loopback port (args[0]),
 * a pool of a few threads (args[1]), one context whose handler builds a small JSON document (a few
 * microseconds of string building) per request. Prints "ready <port>" once it serves.
 */
public final class WholeApp {

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 1024);
        ExecutorService pool = Executors.newFixedThreadPool(Integer.parseInt(args[1]));
        server.setExecutor(pool);
        server.createContext("/orders", new OrdersHandler());
        server.start();
        System.out.println("ready " + server.getAddress().getPort());
    }

    /** GET /orders/<anything>: 200 with a JSON order of a few lines. */
    static final class OrdersHandler implements HttpHandler {
        private final AtomicLong sequence = new AtomicLong();

        @Override
        public void handle(HttpExchange exchange) throws IOException {
            exchange.getRequestBody().readAllBytes();
            byte[] body = render(sequence.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }

        /** The work: an order of eight lines as JSON, built by hand. */
        String render(long id) {
            StringBuilder json = new StringBuilder(640).append("{\"id\":").append(id)
                    .append(",\"customer\":\"customer-").append(id % 997).append("\",\"lines\":[");
            double total = 0;
            for (int line = 0; line < 8; line++) {
                double price = ((id + line) % 50) * 1.25 + 0.99;
                total += price * (line + 1);
                json.append(line == 0 ? "" : ",").append("{\"sku\":\"SKU-").append((id * 31 + line) % 10_000)
                        .append("\",\"quantity\":").append(line + 1).append(",\"price\":").append(price).append('}');
            }
            return json.append("],\"total\":").append(total).append(",\"currency\":\"EUR\"}").toString();
        }
    }
}
