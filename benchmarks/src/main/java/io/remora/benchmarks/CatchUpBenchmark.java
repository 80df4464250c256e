package io.remora.benchmarks;

import io.remora.exporter.selfmetrics.DropReason;
import io.remora.exporter.selfmetrics.EndpointMetrics;
import io.remora.exporter.selfmetrics.SelfMetrics;
import io.remora.exporter.send.EndpointConfig;
import io.remora.exporter.send.EndpointSender;
import io.remora.exporter.spool.Spool;
import io.remora.exporter.spool.SpoolEvents;
import io.remora.exporter.spool.SpoolSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The catch-up rate after an outage: an outage's worth of requests ({@code series} series sampled
 * every second for {@code seconds}, encoded and compressed by the exporter's classes) is written
 * to a spool, then a sender started on that spool replays it into a fresh VictoriaMetrics on
 * loopback; the same requests are then sent from memory by a sender without a spool into another
 * fresh VictoriaMetrics. Both senders are the exporter's {@link EndpointSender}: one request in
 * flight at a time, as order per series requires.
 *
 * <pre>
 * java -Xmx3g -cp benchmarks/target/benchmarks.jar io.remora.benchmarks.CatchUpBenchmark [series] [seconds]
 * </pre>
 *
 * Defaults: 100,000 series for 300 s (30 M samples). Needs {@code victoria-metrics} on the PATH
 * (Debian package victoria-metrics).
 */
public final class CatchUpBenchmark {

    private static final int BATCH_SAMPLES = 5_000;
    private static final Duration SEND_TIMEOUT = Duration.ofMinutes(30);

    private CatchUpBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int series = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        long first = System.currentTimeMillis() - seconds * 1000L;
        long start = System.nanoTime();
        RealisticRequests requests = RealisticRequests.build(series, seconds, first, 1000, BATCH_SAMPLES);
        System.out.printf("built %,d requests, %,d samples, %,d bytes compressed (%.1f bytes/sample) in %.1f s%n",
                requests.size(), requests.totalSamples, requests.totalBytes,
                (double) requests.totalBytes / requests.totalSamples, seconds(start));

        Path work = Files.createTempDirectory("remora-catch-up-");
        try {
            SpoolSettings spool = new SpoolSettings(work.resolve("spool"), 8L << 30, Duration.ofHours(2));
            fill(spool, requests);
            double replayed = send("replay from the spool", work.resolve("vm-replay"), requests, spool);
            double live = send("live, from memory", work.resolve("vm-live"), requests, null);
            System.out.printf("catch-up / live: %.2f%n", replayed / live);
        } finally {
            delete(work);
        }
    }

    private static void fill(SpoolSettings settings, RealisticRequests requests) throws IOException {
        long start = System.nanoTime();
        try (Spool spool = Spool.open(settings, new FailOnLoss())) {
            for (int i = 0; i < requests.size(); i++) {
                spool.append(requests.bodies.get(i), requests.samples.get(i), requests.oldest.get(i),
                        requests.newest.get(i));
            }
        }
        double elapsed = seconds(start);
        System.out.printf("spooled in %.1f s: %.0f MB/s, %,.0f samples/s%n", elapsed,
                requests.totalBytes / 1e6 / elapsed, requests.totalSamples / elapsed);
    }

    /** Sends everything to a fresh VictoriaMetrics; with a spool, that is the spool's content. @return samples/s */
    private static double send(String what, Path dir, RealisticRequests requests, SpoolSettings spool)
            throws Exception {
        try (VictoriaMetricsProcess vm = VictoriaMetricsProcess.start(dir)) {
            EndpointMetrics metrics = new SelfMetrics().endpoint("vm");
            EndpointConfig config = EndpointConfig.builder(vm.writeUrl())
                    .queueCapacity(requests.size())
                    .timeout(Duration.ofMinutes(1))
                    .build();
            long start = System.nanoTime();
            EndpointSender sender = spool == null ? new EndpointSender(config, metrics)
                    : new EndpointSender(config, metrics, spool);
            try {
                if (spool == null) {
                    for (int i = 0; i < requests.size(); i++) {
                        if (!sender.submit(requests.bodies.get(i), requests.samples.get(i), requests.oldest.get(i),
                                requests.newest.get(i))) {
                            throw new IllegalStateException("the sender refused request " + i);
                        }
                    }
                }
                if (!sender.awaitIdle(SEND_TIMEOUT)) {
                    throw new IllegalStateException(what + ": not done within " + SEND_TIMEOUT);
                }
            } finally {
                sender.close();
            }
            double elapsed = seconds(start);
            if (metrics.samplesSent() != requests.totalSamples) {
                throw new IllegalStateException(what + ": sent " + metrics.samplesSent() + " of "
                        + requests.totalSamples + " samples; dropped at shutdown "
                        + metrics.samplesDropped(DropReason.SHUTDOWN));
            }
            double rate = requests.totalSamples / elapsed;
            System.out.printf("%s: %,d samples in %.1f s: %,.0f samples/s, %.0f MB/s of requests%n", what,
                    requests.totalSamples, elapsed, rate, requests.totalBytes / 1e6 / elapsed);
            return rate;
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** A benchmark whose spool loses anything measures the wrong thing. */
    private static final class FailOnLoss implements SpoolEvents {
        @Override
        public void dropped(DropReason reason, long samples) {
            throw new IllegalStateException("the spool dropped " + samples + " samples: " + reason);
        }

        @Override
        public void damaged() {
            throw new IllegalStateException("the spool found damage");
        }
    }

    /** {@code victoria-metrics} on a free loopback port with its data in {@code dir}, stopped on close. */
    private static final class VictoriaMetricsProcess implements AutoCloseable {
        private final Process process;
        private final int port;

        private VictoriaMetricsProcess(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static VictoriaMetricsProcess start(Path dir) throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            Files.createDirectories(dir);
            Process process = new ProcessBuilder(List.of("victoria-metrics",
                    "-storageDataPath=" + dir.resolve("data"), "-httpListenAddr=127.0.0.1:" + port,
                    "-dedup.minScrapeInterval=0s", "-selfScrapeInterval=0s", "-http.maxGracefulShutdownDuration=1s"))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("vm.log").toFile()).start();
            VictoriaMetricsProcess vm = new VictoriaMetricsProcess(process, port);
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (true) {
                try {
                    HttpResponse<Void> health = http.send(HttpRequest.newBuilder(vm.url("/health")).build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (health.statusCode() == 200) {
                        return vm;
                    }
                } catch (IOException notYet) {
                    // still starting
                }
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    vm.close();
                    throw new IllegalStateException("victoria-metrics did not become ready: see " + dir.resolve("vm.log"));
                }
                Thread.sleep(100);
            }
        }

        URI writeUrl() {
            return url("/api/v1/write");
        }

        private URI url(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }
}
