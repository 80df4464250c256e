package io.remora.it.spool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@link SleepingApp} in a child JVM under {@code -javaagent:remora-agent.jar}, exporting every
 * second to the given endpoints, with its spool in a directory of the test's. Output goes to files,
 * so the child never blocks on a full pipe.
 */
final class SpooledChild {

    private final Process process;
    private final Path out;
    private final Path err;

    private SpooledChild(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    static SpooledChild start(Path spoolDir, Duration runFor, String name, List<String> extraOptions, URI... endpoints) {
        List<String> options = new ArrayList<>(List.of("-Dremora.spool.dir=" + spoolDir));
        options.addAll(extraOptions);
        return start(List.of(), spoolDir.getParent(), runFor, name, options, endpoints);
    }

    /**
     * As {@link #start(Path, Duration, String, List, URI...)}, started by {@code launcher} (a shell
     * that sets a umask, say; empty for none), its output in {@code outputDir}, with its spool where
     * {@code options} say: by default, under {@code java.io.tmpdir}.
     */
    static SpooledChild start(List<String> launcher, Path outputDir, Duration runFor, String name,
            List<String> options, URI... endpoints) {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + agentJar(),
                "-Dremora.endpoint=" + List.of(endpoints).stream().map(URI::toString).collect(Collectors.joining(",")),
                "-Dremora.interval=1s",
                "-Dremora.batch.max-delay=1s",
                "-Dremora.retry.max-backoff=1s"));
        command.addAll(options);
        command.addAll(List.of("-cp", testClasses().toString(), SleepingApp.class.getName(),
                Long.toString(runFor.toMillis())));
        Path out = outputDir.resolve(name + ".out");
        Path err = outputDir.resolve(name + ".err");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            return new SpooledChild(process, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** A label matcher for this child's series: the agent's {@code instance} label is {@code host:pid}. */
    String instanceMatcher() {
        return "instance=~\".*:" + process.pid() + "\"";
    }

    /** SIGKILL on Linux: no shutdown hook runs, nothing is flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Waits for a normal exit, failing with the output otherwise. */
    String awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the child did not exit within " + timeout + ": " + output());
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("the child exited with " + process.exitValue() + ": " + output());
        }
        return read(out);
    }

    void destroyIfAlive() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    /** The agent's own log lines, and anything else the child wrote to stderr. */
    List<String> stderrLines() {
        return read(err).lines().collect(Collectors.toList());
    }

    String output() {
        return "\n--- stdout ---\n" + read(out) + "\n--- stderr ---\n" + read(err);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    private static Path agentJar() {
        Path jar = Paths.get(System.getProperty("remora.agent.jar", "../agent/target/remora-agent.jar"))
                .toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("the agent jar " + jar + " is missing: build it with mvn -pl agent -am package");
        }
        return jar;
    }

    private static Path testClasses() {
        return Paths.get(System.getProperty("remora.it.test-classes", "target/test-classes")).toAbsolutePath();
    }
}
