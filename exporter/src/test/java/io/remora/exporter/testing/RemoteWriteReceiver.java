package io.remora.exporter.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.remora.proto.Remote;
import io.remora.proto.Types;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A remote-write receiver for tests, on a free loopback port. It checks every request against the
 * remote-write 1.0 spec (headers, snappy, protobuf, label order and validity, millisecond
 * timestamps, per-series time order within a request and across accepted requests) and records
 * what broke ({@link #violations()}: tests assert it is empty), the samples of every accepted
 * request per series, and every attempt with its arrival time.
 *
 * <p>Answers are scripted: {@link #enqueue} responses used once each, in order, then the default
 * ({@link ScriptedResponse#ok()} unless {@link #respondByDefault} says otherwise). It can also stop
 * listening, so connections are refused, and listen again on the same port.
 */
public final class RemoteWriteReceiver implements AutoCloseable {

    public static final String PATH = "/api/v1/write";

    static {
        // without it the JDK server's responses stall ~40 ms on Nagle + delayed ACK, blurring backoff gaps
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final InetAddress loopback = InetAddress.getLoopbackAddress();
    /** Null for plain HTTP. */
    private final SSLContext tls;
    private final ExecutorService handlers;
    private final int port;
    private HttpServer server;

    private final Object lock = new Object();
    private final ArrayDeque<ScriptedResponse> script = new ArrayDeque<>();
    private ScriptedResponse defaultResponse = ScriptedResponse.ok();
    private final List<ReceivedAttempt> attempts = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final Map<String, List<Types.Sample>> samples = new LinkedHashMap<>();
    private final Map<String, Long> lastAcceptedTimestamp = new HashMap<>();

    private RemoteWriteReceiver(SSLContext tls) {
        this.tls = tls;
        AtomicInteger threads = new AtomicInteger();
        this.handlers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "remote-write-receiver-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.server = bind(0);
        this.port = server.getAddress().getPort();
    }

    /** Starts listening on a free loopback port. */
    public static RemoteWriteReceiver start() {
        return new RemoteWriteReceiver(null);
    }

    /** Starts listening for HTTPS on a free loopback port, with the server key in {@code tls}. */
    public static RemoteWriteReceiver startHttps(SSLContext tls) {
        return new RemoteWriteReceiver(Objects.requireNonNull(tls));
    }

    public URI url() {
        String scheme = tls == null ? "http" : "https";
        return URI.create(scheme + "://" + loopback.getHostAddress() + ":" + port + PATH);
    }

    public int port() {
        return port;
    }

    /** These answers are used once each, in order, before the default one. */
    public void enqueue(ScriptedResponse... responses) {
        synchronized (lock) {
            Collections.addAll(script, responses);
        }
    }

    public void respondByDefault(ScriptedResponse response) {
        synchronized (lock) {
            defaultResponse = Objects.requireNonNull(response);
        }
    }

    /** Closes the listening socket and open connections: from now on connections are refused. */
    public void stopListening() {
        synchronized (lock) {
            if (server != null) {
                server.stop(0);
                server = null;
            }
        }
    }

    /**
     * Listens again on the same port. Retries for a few seconds: a socket another server on this
     * port has just closed can hold it a moment longer.
     */
    public void resumeListening() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (lock) {
            while (server == null) {
                try {
                    server = bind(port);
                } catch (UncheckedIOException e) {
                    if (System.nanoTime() - deadline > 0) {
                        throw e;
                    }
                    pause();
                }
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the port", e);
        }
    }

    /** Every request received so far, in arrival order. */
    public List<ReceivedAttempt> attempts() {
        synchronized (lock) {
            return List.copyOf(attempts);
        }
    }

    /** Every broken spec rule seen so far, one line each, naming the attempt. */
    public List<String> violations() {
        synchronized (lock) {
            return List.copyOf(violations);
        }
    }

    /** The samples of accepted requests, per {@link #seriesKey series key}, in arrival order. */
    public Map<String, List<Types.Sample>> samples() {
        synchronized (lock) {
            Map<String, List<Types.Sample>> copy = new LinkedHashMap<>();
            samples.forEach((key, list) -> copy.put(key, List.copyOf(list)));
            return copy;
        }
    }

    public List<Types.Sample> samples(String seriesKey) {
        synchronized (lock) {
            return List.copyOf(samples.getOrDefault(seriesKey, List.of()));
        }
    }

    public int acceptedSampleCount() {
        synchronized (lock) {
            return samples.values().stream().mapToInt(List::size).sum();
        }
    }

    /** Waits until at least {@code count} requests have arrived. */
    public boolean awaitAttempts(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (attempts.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    /** {@code name{label="value",...}} from a series' labels, in the order they were sent. */
    public static String seriesKey(List<Types.Label> labels) {
        String name = "";
        StringBuilder rest = new StringBuilder();
        for (Types.Label label : labels) {
            if (label.getName().equals("__name__")) {
                name = label.getValue();
            } else {
                rest.append(rest.length() == 0 ? "" : ",").append(label.getName()).append("=\"")
                        .append(label.getValue()).append('"');
            }
        }
        return name + "{" + rest + "}";
    }

    @Override
    public void close() {
        stopListening();
        handlers.shutdownNow();
    }

    private HttpServer bind(int port) {
        try {
            InetSocketAddress address = new InetSocketAddress(loopback, port);
            HttpServer created;
            if (tls == null) {
                created = HttpServer.create(address, 0);
            } else {
                HttpsServer https = HttpsServer.create(address, 0);
                https.setHttpsConfigurator(new HttpsConfigurator(tls));
                created = https;
            }
            created.createContext("/", this::handle);
            created.setExecutor(handlers);
            created.start();
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("remote-write receiver cannot listen on port " + port, e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrival = System.nanoTime();
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(exchange.getRequestHeaders());
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        ScriptedResponse response = record(exchange, arrival, headers, body);
        if (!response.delay().isZero()) {
            try {
                Thread.sleep(response.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (response.isReset()) {
            exchange.close(); // before any response header: the JDK server drops the connection
            return;
        }
        byte[] responseBody = response.body().getBytes(StandardCharsets.UTF_8);
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(response.status(), responseBody.length == 0 ? -1 : responseBody.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(responseBody);
        }
    }

    private ScriptedResponse record(HttpExchange exchange, long arrival, Map<String, List<String>> headers,
            byte[] body) {
        synchronized (lock) {
            int index = attempts.size();
            ScriptedResponse response = script.isEmpty() ? defaultResponse : script.poll();
            List<String> found = new ArrayList<>();
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                found.add("path " + exchange.getRequestURI().getPath() + " instead of " + PATH);
            }
            Remote.WriteRequest request = RemoteWriteSpec.decode(exchange.getRequestMethod(), headers, body, found::add);
            int sampleCount = -1;
            if (request != null) {
                sampleCount = 0;
                Map<String, Long> latest = new HashMap<>();
                long now = System.currentTimeMillis();
                for (Types.TimeSeries series : request.getTimeseriesList()) {
                    RemoteWriteSpec.checkSeries(series, now, found::add);
                    checkOrder(series, latest, found);
                    sampleCount += series.getSamplesCount();
                }
                if (response.accepts()) {
                    store(request, latest);
                }
            }
            for (String violation : found) {
                violations.add("attempt " + index + ": " + violation);
            }
            attempts.add(new ReceivedAttempt(index, arrival, headers, sampleCount, response));
            lock.notifyAll();
            return response;
        }
    }

    /** Each sample must be newer than the series' previous one in this request and in accepted ones. */
    private void checkOrder(Types.TimeSeries series, Map<String, Long> latest, List<String> found) {
        String key = seriesKey(series.getLabelsList());
        Long previous = latest.containsKey(key) ? latest.get(key) : lastAcceptedTimestamp.get(key);
        for (Types.Sample sample : series.getSamplesList()) {
            if (previous != null && sample.getTimestamp() <= previous) {
                found.add(key + ": timestamp " + sample.getTimestamp() + " is not after " + previous);
            }
            previous = previous == null ? sample.getTimestamp() : Math.max(previous, sample.getTimestamp());
        }
        if (previous != null) {
            latest.put(key, previous);
        }
    }

    private void store(Remote.WriteRequest request, Map<String, Long> latest) {
        for (Types.TimeSeries series : request.getTimeseriesList()) {
            samples.computeIfAbsent(seriesKey(series.getLabelsList()), k -> new ArrayList<>())
                    .addAll(series.getSamplesList());
        }
        lastAcceptedTimestamp.putAll(latest);
    }
}
