package io.remora.it.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.exporter.testing.MisbehavingReceiver;
import io.remora.exporter.testing.MisbehavingReceiver.Mode;
import io.remora.exporter.testing.RemoteWriteReceiver;
import io.remora.it.agent.ChildJvm;
import io.remora.it.agent.ChildRun;
import io.remora.it.agent.Jdk;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A receiver that never lets an exchange finish does not hold the application's exit past the
 * shutdown flush's bound, and what could not be sent stays in the spool: the next run on the same
 * spool delivers it once the endpoint answers. The exit delay of each mode is printed for the
 * README's table.
 */
class StalledReceiverTest {

    /** The exporter's shutdown timeout (5 s), plus the 1 s the issue allows for the JVM's own exit. */
    private static final Duration MAX_EXIT_DELAY = Duration.ofSeconds(6);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void exitIsNotHeldAndTheSpoolKeepsWhatWasNotSent(Mode mode) {
        Path spool = dir.resolve("spool");
        try (RemoteWriteReceiver healthy = RemoteWriteReceiver.start()) {
            healthy.stopListening(); // keeps its port for later: the spool belongs to the endpoint's URL
            ChildJvm.Started stalled;
            long exitDelayMs;
            try (MisbehavingReceiver receiver = MisbehavingReceiver.start(mode, healthy.port())) {
                stalled = child(healthy, spool).start(dir, mode.label());
                stalled.awaitLine(SleepingApp.FINISHED, ChildJvm.RUN_TIMEOUT);
                long finished = System.nanoTime();
                ChildRun run = stalled.awaitExit(ChildJvm.RUN_TIMEOUT);
                exitDelayMs = Duration.ofNanos(System.nanoTime() - finished).toMillis();
                assertEquals(0, run.exitCode(), run.toString());
                System.out.printf("exit delay with a receiver that %s: %d ms%n", mode.label(), exitDelayMs);
            }
            assertTrue(exitDelayMs <= MAX_EXIT_DELAY.toMillis(),
                    "the application exited " + exitDelayMs + " ms after its main() ended");

            healthy.resumeListening();
            ChildRun next = child(healthy, spool).run(dir, mode.label() + "-next");
            assertEquals(0, next.exitCode(), next.toString());
            long fromStalledRun = healthy.samples().keySet().stream()
                    .filter(key -> key.contains(":" + stalled.pid() + "\"")).count();
            assertTrue(fromStalledRun > 0, "the stalled run's series arrive with the next run: "
                    + healthy.samples().keySet());
        }
    }

    private static ChildJvm child(RemoteWriteReceiver receiver, Path spool) {
        return ChildJvm.of(Jdk.DEFAULT, SleepingApp.class, "2000").withAgent()
                .property("remora.endpoint", receiver.url().toString())
                .property("remora.interval", "1s")
                .property("remora.batch.max-delay", "500ms")
                .property("remora.spool.dir", spool.toString());
    }
}
