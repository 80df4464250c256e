package io.remora.it.receivers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One receiver's OS process: output appended to a log file, ready when an HTTP probe answers 200,
 * stopped with SIGTERM and killed if it lingers. A process that exits or never gets ready is an
 * error that carries the tail of its log.
 */
public final class ReceiverProcess {

    private static final int LOG_TAIL_LINES = 30;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final long PROBE_PAUSE_MS = 100;

    private final String name;
    private final List<String> command;
    private final Path logFile;
    private final URI readyUri;
    private final Duration readyTimeout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
    private Process process;

    public ReceiverProcess(String name, List<String> command, Path logFile, URI readyUri, Duration readyTimeout) {
        this.name = name;
        this.command = List.copyOf(command);
        this.logFile = logFile;
        this.readyUri = readyUri;
        this.readyTimeout = readyTimeout;
    }

    /** Starts the process and returns once it is ready; throws with the reason otherwise. */
    public void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running as pid " + process.pid());
        }
        try {
            Files.writeString(logFile, "=== " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new ReceiverUnavailableException(name + " could not be started (" + command + "): " + e.getMessage(), e);
        }
        awaitReady();
    }

    public long pid() {
        if (process == null) {
            throw new IllegalStateException(name + " was never started");
        }
        return process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGTERM, wait, then SIGKILL. Safe to call when not running. */
    public void stop() {
        if (process != null) {
            stop(process.toHandle());
        }
    }

    /** Stops any process by handle, also one started by another JVM (the demo's start and stop run apart). */
    public static void stop(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return;
        }
        handle.destroy();
        if (!awaitExit(handle, STOP_TIMEOUT)) {
            handle.destroyForcibly();
            if (!awaitExit(handle, STOP_TIMEOUT)) {
                throw new IllegalStateException("pid " + handle.pid() + " survived SIGKILL for " + STOP_TIMEOUT);
            }
        }
    }

    public Path logFile() {
        return logFile;
    }

    /** The last lines of the log, to explain a failure. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            List<String> tail = new ArrayList<>(lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
            return String.join("\n", tail);
        } catch (IOException e) {
            return "(log " + logFile + " unreadable: " + e.getMessage() + ")";
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        String lastProbe = "no probe yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw failure("exited with status " + process.exitValue() + " before it was ready");
            }
            lastProbe = probe();
            if (lastProbe == null) {
                return;
            }
            sleep(PROBE_PAUSE_MS);
        }
        stop();
        throw failure("was not ready within " + readyTimeout + " (last probe of " + readyUri + ": " + lastProbe + ")");
    }

    /** Null when ready, else what the probe saw. */
    private String probe() {
        HttpRequest request = HttpRequest.newBuilder(readyUri).timeout(PROBE_TIMEOUT).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? null : "HTTP " + response.statusCode() + " " + response.body().strip();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
    }

    private ReceiverUnavailableException failure(String what) {
        return new ReceiverUnavailableException(name + " " + what + "; command: " + String.join(" ", command)
                + "\n--- last lines of " + logFile + " ---\n" + logTail());
    }

    private static boolean awaitExit(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for pid " + handle.pid() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping pid " + handle.pid(), e);
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
