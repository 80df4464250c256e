package io.remora.it.receivers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Prometheus (Debian's package) as a remote-write receiver that scrapes nothing and sends nothing. */
public final class Prometheus implements ReceiverKind {

    public static final Prometheus INSTANCE = new Prometheus();

    /** No scrape targets, no rules, no alertmanagers, no remote write: it only receives. */
    private static final String CONFIG = "global:\n  scrape_interval: 1m\n  evaluation_interval: 1m\n";

    private Prometheus() {
    }

    @Override
    public String displayName() {
        return "prometheus";
    }

    @Override
    public String debianPackage() {
        return "prometheus";
    }

    @Override
    public String binaryName() {
        return "prometheus";
    }

    @Override
    public String readyPath() {
        return "/-/ready";
    }

    @Override
    public Optional<String> flushPath() {
        return Optional.empty();
    }

    @Override
    public List<String> arguments(int port, Path workDir) throws IOException {
        Path config = workDir.resolve("prometheus.yml");
        Files.write(config, CONFIG.getBytes(StandardCharsets.UTF_8));
        return List.of(
                "--config.file=" + config,
                "--storage.tsdb.path=" + workDir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--web.enable-remote-write-receiver",
                "--log.level=info");
    }
}
