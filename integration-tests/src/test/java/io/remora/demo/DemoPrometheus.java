package io.remora.demo;

import io.remora.it.receivers.Prometheus;
import io.remora.it.receivers.RealReceiver;
import io.remora.it.receivers.ReceiverUnavailableException;
import io.remora.it.receivers.ReceiverProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts and stops the demo's Prometheus from the shell with the same harness the integration tests
 * use: {@code start DIR} prints its base URL once it is ready and leaves it running after this JVM
 * exits (pid in DIR/prometheus.pid); {@code stop DIR} stops it.
 */
public final class DemoPrometheus {

    private DemoPrometheus() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2 || !(args[0].equals("start") || args[0].equals("stop"))) {
            System.err.println("usage: DemoPrometheus start|stop DIR");
            System.exit(2);
        }
        Path dir = Path.of(args[1]);
        Path pidFile = dir.resolve("prometheus.pid");
        if (args[0].equals("start")) {
            RealReceiver prometheus;
            try {
                prometheus = RealReceiver.startIn(Prometheus.INSTANCE, dir);
            } catch (ReceiverUnavailableException e) {
                System.err.println("demo: " + e.getMessage());
                System.exit(1);
                return;
            }
            Files.writeString(pidFile, Long.toString(prometheus.pid()), StandardCharsets.UTF_8);
            System.out.println(prometheus.baseUri());
        } else {
            long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).strip());
            ProcessHandle.of(pid).ifPresent(ReceiverProcess::stop);
            Files.delete(pidFile);
        }
    }
}
