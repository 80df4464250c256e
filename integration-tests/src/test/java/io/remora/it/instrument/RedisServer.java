package io.remora.it.instrument;

import io.remora.it.receivers.Executables;
import io.remora.it.receivers.ReceiverProcess;
import io.remora.it.receivers.ReceiverUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@code redis-server} (Debian's package) for a test class, started before its first test on
 * a free loopback port with a temporary directory and no persistence, stopped after its last:
 * {@code @RegisterExtension static final RedisServer REDIS = new RedisServer();}. Ready once it
 * answers PING; one that is not installed, exits or never answers fails the class with the reason
 * and the tail of its log, never skips it.
 */
public final class RedisServer implements BeforeAllCallback, AfterAllCallback {

    private static final long READY_TIMEOUT_MS = 20_000;

    private Path dir;
    private Process process;
    private int port;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Path binary = Executables.require("redis-server", "redis-server");
        dir = Files.createTempDirectory("remora-redis");
        port = freePort();
        Path log = dir.resolve("redis.log");
        List<String> command = List.of(binary.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--dir", dir.toString(), "--save", "", "--appendonly", "no");
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
        String last = "no probe yet";
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new ReceiverUnavailableException("redis-server exited with status " + process.exitValue()
                        + " before it was ready; command: " + command + "\n" + tail(log));
            }
            last = ping();
            if (last == null) {
                return;
            }
            sleep(50);
        }
        stop();
        throw new ReceiverUnavailableException("redis-server did not answer PING on port " + port + " within "
                + READY_TIMEOUT_MS + " ms (" + last + "); command: " + command + "\n" + tail(log));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    public int port() {
        if (process == null) {
            throw new IllegalStateException("redis-server is started before the class's first test");
        }
        return port;
    }

    private void stop() {
        if (process != null) {
            ReceiverProcess.stop(process.toHandle());
        }
    }

    /** Null when the server answered +PONG, else what the probe saw. */
    private String ping() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = new byte[64];
            int read = in.read(answer);
            String said = read <= 0 ? "" : new String(answer, 0, read, StandardCharsets.US_ASCII);
            return said.startsWith("+PONG") ? null : "answered " + said.strip();
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(log, StandardCharsets.UTF_8));
            return "--- last lines of " + log + " ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(log " + log + " unreadable: " + e + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
