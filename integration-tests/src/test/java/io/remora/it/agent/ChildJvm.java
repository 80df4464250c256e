package io.remora.it.agent;

import io.remora.it.receivers.RealReceiver;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A child JVM: a JDK, JVM options (the agent among them, or not), a class path and a main class, or
 * an executable jar ({@code -jar}), and its arguments. stdout and stderr go to files in a directory of the caller's, so a chatty child
 * never blocks on a full pipe.
 */
public final class ChildJvm {

    public static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);

    private final Jdk jdk;
    private final List<String> options = new ArrayList<>();
    private final List<Path> classPath = new ArrayList<>();
    /** The main class, or null for an executable jar. */
    private final String mainClass;
    /** The executable jar, or null for a main class. */
    private final Path jar;
    private final List<String> arguments;
    /** Variables set in the child's environment, beside the ones it inherits. */
    private final Map<String, String> environment = new LinkedHashMap<>();

    private ChildJvm(Jdk jdk, String mainClass, Path jar, String... arguments) {
        this.jdk = jdk;
        this.mainClass = mainClass;
        this.jar = jar;
        this.arguments = List.of(arguments);
    }

    /** Runs {@code mainClass} from the test classes directory. */
    public static ChildJvm of(Jdk jdk, Class<?> mainClass, String... arguments) {
        ChildJvm child = new ChildJvm(jdk, mainClass.getName(), null, arguments);
        child.classPath.add(TestFiles.testClasses());
        return child;
    }

    /**
     * Runs {@code java -jar jar}: an application packaged as it ships (a Spring Boot fat jar loads
     * its classes from nested jars through its own launcher), with nothing of the tests' class path.
     */
    public static ChildJvm ofJar(Jdk jdk, Path jar, String... arguments) {
        return new ChildJvm(jdk, null, jar, arguments);
    }

    public ChildJvm classPath(List<Path> jars) {
        if (jar != null) {
            throw new IllegalStateException("java -jar " + jar + " ignores any class path");
        }
        classPath.addAll(jars);
        return this;
    }

    /** {@code -javaagent:agent/target/remora-agent.jar}. */
    public ChildJvm withAgent() {
        options.add("-javaagent:" + TestFiles.agentJar());
        return this;
    }

    /** The agent, exporting to {@code receiver} as {@code job}, its spool in {@code dir}. */
    public ChildJvm exportingTo(RealReceiver receiver, String job, Path dir) {
        return withAgent()
                .property("remora.endpoint", receiver.writeUrl().toString())
                .property("remora.job", job)
                .property("remora.spool.dir", dir.resolve(job + "-spool").toString());
    }

    public ChildJvm property(String name, String value) {
        return option("-D" + name + "=" + value);
    }

    /** A variable of the child's environment ({@code JAVA_TOOL_OPTIONS}, {@code REMORA_*}). */
    public ChildJvm environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** A JVM option, such as {@code -Xlog:...}, before the class path. */
    public ChildJvm option(String option) {
        options.add(option);
        return this;
    }

    /** Starts it, output into {@code dir/<name>.out} and {@code .err}. */
    public Started start(Path dir, String name) {
        List<String> command = new ArrayList<>();
        command.add(jdk.java().toString());
        command.addAll(options);
        if (jar != null) {
            command.add("-jar");
            command.add(jar.toString());
        } else {
            command.add("-cp");
            command.add(classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
            command.add(mainClass);
        }
        command.addAll(arguments);
        return Started.run(command, environment, dir.resolve(name + ".out"), dir.resolve(name + ".err"));
    }

    /** Starts it and waits for its exit. */
    public ChildRun run(Path dir, String name) {
        return start(dir, name).awaitExit(RUN_TIMEOUT);
    }

    /** A running child process. */
    public static final class Started {
        /**
         * Every child started, ended with the test JVM at the latest: a test that fails while its
         * child waits on a gate would otherwise leave it running, and loading the machine.
         */
        private static final List<Process> ALL = new CopyOnWriteArrayList<>();

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(Started::destroyAll, "child-jvm-cleanup"));
        }

        private final List<String> command;
        private final Process process;
        private final Path out;
        private final Path err;

        private Started(List<String> command, Process process, Path out, Path err) {
            this.command = command;
            this.process = process;
            this.out = out;
            this.err = err;
        }

        /** Any command (the attach launcher too), output redirected to the two files. */
        public static Started run(List<String> command, Path out, Path err) {
            return run(command, Map.of(), out, err);
        }

        static Started run(List<String> command, Map<String, String> environment, Path out, Path err) {
            try {
                ProcessBuilder builder = new ProcessBuilder(command)
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile());
                builder.environment().putAll(environment);
                Process process = builder.start();
                ALL.add(process);
                return new Started(command, process, out, err);
            } catch (IOException e) {
                throw new UncheckedIOException("could not start " + command, e);
            }
        }

        private static void destroyAll() {
            for (Process process : ALL) {
                process.destroyForcibly();
            }
        }

        public long pid() {
            return process.pid();
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        /** SIGTERM, as a service manager stops a service: shutdown hooks run, the exit status is 143. */
        public void terminate() {
            process.destroy();
        }

        /** Waits until stdout has a line starting with {@code prefix}; fails if the child exits or takes too long. */
        public String awaitLine(String prefix, Duration timeout) {
            return awaitLine(out, prefix, timeout);
        }

        /** As {@link #awaitLine}, on stderr: the agent's own log lines. */
        public String awaitErrLine(String prefix, Duration timeout) {
            return awaitLine(err, prefix, timeout);
        }

        private String awaitLine(Path file, String prefix, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (String line : lines(file)) {
                    if (line.startsWith(prefix)) {
                        return line;
                    }
                }
                if (!process.isAlive()) {
                    throw new AssertionError("child exited before printing '" + prefix + "': " + finished());
                }
                pause();
            }
            process.destroyForcibly();
            throw new AssertionError("child did not print '" + prefix + "' within " + timeout + ": " + command);
        }

        /** Waits for the exit; kills the child and fails with its output after {@code timeout}. */
        public ChildRun awaitExit(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new AssertionError("child did not exit within " + timeout + ", killed: " + command
                            + "\n" + finished());
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + command, e);
            }
            return finished();
        }

        private ChildRun finished() {
            return new ChildRun(process.pid(), process.isAlive() ? -1 : process.exitValue(), lines(out), lines(err));
        }

        private static List<String> lines(Path file) {
            try {
                return Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void pause() {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
