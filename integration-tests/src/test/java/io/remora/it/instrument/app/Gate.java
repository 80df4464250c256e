package io.remora.it.instrument.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The applications wait here before their measured work until the test creates the gate file,
 * which it does once the agent has said its instrumentation is in place: the agent installs it on
 * its own thread, and requests served before that are not measured.
 */
public final class Gate {

    private Gate() {
    }

    public static void await(String gateFile) throws InterruptedException {
        Path gate = Paths.get(gateFile);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(gate)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gate " + gate + " never opened");
            }
            Thread.sleep(20);
        }
    }
}
