package io.remora.it.instrument;

import io.remora.it.agent.ChildJvm;
import io.remora.it.agent.ChildRun;
import io.remora.it.agent.Jdk;
import io.remora.it.receivers.RealReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;

/**
 * One run of a Spring Boot fat jar, as it ships ({@code java -jar}), with the agent or without:
 * started on a free loopback port, ready at its first HTTP 200, sent {@link OrdersTraffic}, stopped with
 * SIGTERM. Spring's logging is set so that stdout is the same from run to run: no banner, warnings
 * and errors only, and lines without time, pid or thread.
 */
final class SpringBootRun {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final String[] QUIET_LOGGING = {
        "--spring.main.banner-mode=off",
        "--logging.level.root=WARN",
        "--logging.pattern.console=%level %logger - %message%n%ex",
    };

    private SpringBootRun() {
    }

    /** Without the agent: what the application prints and how it exits on its own. */
    static ChildRun plain(Jdk jdk, Path jar, Path dir, String name) {
        int port = freePort();
        return trafficAndStop(ChildJvm.ofJar(jdk, jar, arguments(port)).start(dir, name), port);
    }

    /**
     * Without the agent, {@code beforeTraffic} called with the application's pid once it serves
     * (to attach the agent), {@code whileServing} with its port after the traffic.
     */
    static ChildRun plain(Jdk jdk, Path jar, Path dir, String name, LongConsumer beforeTraffic,
            IntConsumer whileServing) {
        int port = freePort();
        ChildJvm.Started started = ChildJvm.ofJar(jdk, jar, arguments(port)).start(dir, name);
        OrdersTraffic traffic = new OrdersTraffic(port);
        awaitReady(started, traffic);
        try {
            beforeTraffic.accept(started.pid());
            traffic.send();
            whileServing.accept(port);
        } finally {
            started.terminate();
        }
        return started.awaitExit(ChildJvm.RUN_TIMEOUT);
    }

    /**
     * With the agent at log level warn, so that any line of its own on stderr is a warning or an
     * error, exporting every second as well as at exit (so a pool that Spring stops at shutdown
     * was seen alive).
     */
    static ChildRun instrumented(Jdk jdk, Path jar, RealReceiver receiver, Path dir, String job) {
        return instrumented(jdk, jar, receiver, dir, job, new String[0], port -> { });
    }

    /**
     * The same, with further application arguments, and {@code whileServing} called with the port
     * after the traffic, before the application is stopped.
     */
    static ChildRun instrumented(Jdk jdk, Path jar, RealReceiver receiver, Path dir, String job,
            String[] applicationArguments, IntConsumer whileServing) {
        int port = freePort();
        String[] arguments = arguments(port);
        String[] all = Arrays.copyOf(arguments, arguments.length + applicationArguments.length);
        System.arraycopy(applicationArguments, 0, all, arguments.length, applicationArguments.length);
        ChildJvm child = ChildJvm.ofJar(jdk, jar, all).withAgent()
                .property("remora.endpoint", receiver.writeUrl().toString())
                .property("remora.job", job)
                .property("remora.interval", "1s")
                .property("remora.log.level", "warn")
                .property("remora.spool.dir", dir.resolve(job + "-spool").toString());
        return trafficAndStop(child.start(dir, job), port, whileServing);
    }

    private static ChildRun trafficAndStop(ChildJvm.Started started, int port) {
        return trafficAndStop(started, port, p -> { });
    }

    private static ChildRun trafficAndStop(ChildJvm.Started started, int port, IntConsumer whileServing) {
        OrdersTraffic traffic = new OrdersTraffic(port);
        awaitReady(started, traffic);
        traffic.send();
        try {
            whileServing.accept(port);
        } finally {
            started.terminate();
        }
        return started.awaitExit(ChildJvm.RUN_TIMEOUT);
    }

    /** Polls GET /orders until it answers 200; any other answer, an exit or the timeout fails the test. */
    private static void awaitReady(ChildJvm.Started started, OrdersTraffic traffic) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            int status = traffic.probe();
            if (status == 200) {
                return;
            }
            if (status != -1) {
                started.terminate();
                throw new AssertionError("GET /orders answered " + status + " before the first 200: "
                        + started.awaitExit(ChildJvm.RUN_TIMEOUT));
            }
            if (!started.isAlive()) {
                throw new AssertionError("the application exited before it served: " + started.awaitExit(Duration.ZERO));
            }
            if (System.nanoTime() > deadline) {
                started.terminate();
                throw new AssertionError("the application did not serve within " + READY_TIMEOUT + ": "
                        + started.awaitExit(ChildJvm.RUN_TIMEOUT));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private static String[] arguments(int port) {
        String[] arguments = new String[QUIET_LOGGING.length + 2];
        arguments[0] = "--server.port=" + port;
        arguments[1] = "--server.address=127.0.0.1";
        System.arraycopy(QUIET_LOGGING, 0, arguments, 2, QUIET_LOGGING.length);
        return arguments;
    }

    /** A loopback port free now; the application binds it moments later. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
