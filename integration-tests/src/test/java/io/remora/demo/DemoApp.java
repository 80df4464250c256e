package io.remora.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small order service that knows nothing of Remora: the JDK's HttpServer takes orders on
 * {@code /orders} (POST builds one in memory, GET fetches one, or answers 404) with a pool of
 * workers, and a few client threads call it with {@code java.net.http.HttpClient}. The demo runs it
 * under {@code -javaagent:remora-agent.jar}, with {@code remora.methods} naming
 * {@link #buildOrder}. Usage: {@code DemoApp SECONDS}.
 */
public final class DemoApp {

    private static final int WORKERS = 4;
    private static final int CLIENTS = 3;
    private static final int CACHE_SIZE = 2_000;

    private final Map<Long, long[]> orders = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong();
    private final Random random = new Random(42);

    private DemoApp() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: DemoApp SECONDS");
            System.exit(2);
        }
        long seconds = Long.parseLong(args[0]);
        DemoApp app = new DemoApp();
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/orders", app::handle);
        server.setExecutor(workers);
        server.start();
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/orders");

        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong calls = new AtomicLong();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        HttpClient client = HttpClient.newHttpClient();
        for (int c = 0; c < CLIENTS; c++) {
            long seed = c;
            clients.execute(() -> callService(client, base, end, new Random(seed), calls));
        }
        long reportEvery = TimeUnit.SECONDS.toNanos(5);
        long nextReport = System.nanoTime() + reportEvery;
        while (System.nanoTime() < end) {
            TimeUnit.MILLISECONDS.sleep(100);
            if (System.nanoTime() >= nextReport) {
                System.out.printf("   %ds: %d requests, %d orders%n",
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start), calls.get(), app.orders.size());
                nextReport += reportEvery;
            }
        }
        clients.shutdown();
        clients.awaitTermination(10, TimeUnit.SECONDS);
        server.stop(0);
        workers.shutdown();
        System.out.printf("   done: %d requests, %d orders%n", calls.get(), app.orders.size());
    }

    /** POST: a new order, 201 and its id; GET /orders/{id}: 200 with its size, or 404. */
    private void handle(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String answer;
        int status;
        if (exchange.getRequestMethod().equals("POST")) {
            long id = nextId.incrementAndGet();
            orders.put(id, buildOrder(id));
            if (orders.size() > CACHE_SIZE) {
                orders.remove(id - CACHE_SIZE);
            }
            status = 201;
            answer = Long.toString(id);
        } else {
            String path = exchange.getRequestURI().getPath();
            long[] order = orders.get(Long.parseLong(path.substring(path.lastIndexOf('/') + 1)));
            status = order == null ? 404 : 200;
            answer = order == null ? "no such order" : Integer.toString(order.length);
        }
        byte[] body = answer.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    /** Builds an order in memory, so the heap and the collector have work. */
    private long[] buildOrder(long id) {
        long[] order = new long[16 + random.nextInt(4096)];
        for (int i = 0; i < order.length; i++) {
            order[i] = id * 31 + random.nextLong();
        }
        return order;
    }

    private static void callService(HttpClient client, URI base, long end, Random random, AtomicLong calls) {
        while (System.nanoTime() < end) {
            try {
                HttpRequest request = random.nextInt(3) == 0
                        ? HttpRequest.newBuilder(base).POST(HttpRequest.BodyPublishers.ofString("{}")).build()
                        : HttpRequest.newBuilder(base.resolve("/orders/" + random.nextInt(3_000))).GET().build();
                client.send(request, HttpResponse.BodyHandlers.discarding());
                calls.incrementAndGet();
                TimeUnit.MILLISECONDS.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException e) {
                System.out.println("   request failed: " + e);
            }
        }
    }
}
