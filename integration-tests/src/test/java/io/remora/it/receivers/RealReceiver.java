package io.remora.it.receivers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real receiver on a free loopback port with its own data directory. It can be stopped and
 * restarted on the same port and data (to inject outages); {@link #close()} stops it and deletes
 * the directory it created.
 */
public final class RealReceiver implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final ReceiverKind kind;
    private final Path workDir;
    private final boolean temporary;
    private final int port;
    private final ReceiverProcess process;
    /** A temporary receiver must not outlive the JVM, even when a test forgets to close it or the run is cut short. */
    private final Thread closeAtExit = new Thread(this::close, "close receiver at exit");

    private RealReceiver(ReceiverKind kind, Path workDir, boolean temporary, int port, ReceiverProcess process) {
        this.kind = kind;
        this.workDir = workDir;
        this.temporary = temporary;
        this.port = port;
        this.process = process;
    }

    public static RealReceiver prometheus() {
        return start(Prometheus.INSTANCE);
    }

    public static RealReceiver victoriaMetrics() {
        return start(VictoriaMetrics.INSTANCE);
    }

    /** Starts in a fresh temporary directory, deleted by {@link #close()}. */
    public static RealReceiver start(ReceiverKind kind) {
        Path binary = Executables.require(kind.binaryName(), kind.debianPackage());
        Path dir;
        try {
            dir = Files.createTempDirectory("remora-it-" + kind.displayName() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return start(kind, binary, dir, true);
    }

    /** Starts in a directory the caller owns and keeps (the demo's), so data outlives this JVM. */
    public static RealReceiver startIn(ReceiverKind kind, Path workDir) {
        Path binary = Executables.require(kind.binaryName(), kind.debianPackage());
        return start(kind, binary, workDir, false);
    }

    static RealReceiver start(ReceiverKind kind, Path binary, Path workDir, boolean temporary) {
        try {
            int port = freeLoopbackPort();
            List<String> command = new ArrayList<>();
            command.add(binary.toString());
            command.addAll(kind.arguments(port, workDir));
            URI readyUri = URI.create("http://127.0.0.1:" + port + kind.readyPath());
            ReceiverProcess process = new ReceiverProcess(kind.displayName() + " on port " + port, command,
                    workDir.resolve(kind.displayName() + ".log"), readyUri, READY_TIMEOUT);
            RealReceiver receiver = new RealReceiver(kind, workDir, temporary, port, process);
            receiver.process.start();
            if (temporary) {
                Runtime.getRuntime().addShutdownHook(receiver.closeAtExit);
            }
            return receiver;
        } catch (IOException e) {
            deleteIfTemporary(workDir, temporary);
            throw new ReceiverUnavailableException(kind.displayName() + " could not be prepared in " + workDir, e);
        } catch (RuntimeException e) {
            deleteIfTemporary(workDir, temporary);
            throw e;
        }
    }

    public ReceiverKind kind() {
        return kind;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Both Prometheus and VictoriaMetrics take remote write on the same path. */
    public URI writeUrl() {
        return baseUri().resolve("/api/v1/write");
    }

    public QueryApi query() {
        return new QueryApi(baseUri(), kind.flushPath());
    }

    public Path logFile() {
        return process.logFile();
    }

    public String logTail() {
        return process.logTail();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    public void stop() {
        process.stop();
    }

    /** Starts again on the same port with the same data; ready when it returns. */
    public void restart() {
        process.stop();
        process.start();
    }

    @Override
    public void close() {
        try {
            process.stop();
        } finally {
            deleteIfTemporary(workDir, temporary);
        }
        if (temporary && Thread.currentThread() != closeAtExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(closeAtExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: it will find the process stopped and the directory gone
            }
        }
    }

    @Override
    public String toString() {
        return kind.displayName() + "@" + baseUri();
    }

    /** Bind to port 0 and release: the kernel's choice is free now and unlikely to be reused at once. */
    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteIfTemporary(Path dir, boolean temporary) {
        if (!temporary || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }
}
