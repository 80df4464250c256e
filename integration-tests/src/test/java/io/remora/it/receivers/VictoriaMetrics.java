package io.remora.it.receivers;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** VictoriaMetrics single-node (Debian's package), tuned so a sample is queryable as soon as it is flushed. */
public final class VictoriaMetrics implements ReceiverKind {

    public static final VictoriaMetrics INSTANCE = new VictoriaMetrics();

    private VictoriaMetrics() {
    }

    @Override
    public String displayName() {
        return "victoria-metrics";
    }

    @Override
    public String debianPackage() {
        return "victoria-metrics";
    }

    @Override
    public String binaryName() {
        return "victoria-metrics";
    }

    @Override
    public String readyPath() {
        return "/health";
    }

    @Override
    public Optional<String> flushPath() {
        // without it, new samples stay invisible to queries for several seconds
        return Optional.of("/internal/force_flush");
    }

    @Override
    public List<String> arguments(int port, Path workDir) {
        return List.of(
                "-storageDataPath=" + workDir.resolve("data"),
                "-httpListenAddr=127.0.0.1:" + port,
                // by default the newest 30 s are hidden from queries and responses are cached
                "-search.latencyOffset=0s",
                "-search.disableCache",
                // no dedup, no self-scrape; graphite/influx/opentsdb listeners stay off (their default)
                "-dedup.minScrapeInterval=0s",
                "-selfScrapeInterval=0s",
                // idle keep-alive connections (ours, the exporter's) would hold each stop for the full 7 s default
                "-http.maxGracefulShutdownDuration=1s",
                // the machine is shared: keep its caches small
                "-memory.allowedBytes=256MiB");
    }
}
