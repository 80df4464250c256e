package io.remora.it.spool;

import static io.remora.it.spool.OutageTest.INTERVAL_MS;
import static io.remora.it.spool.OutageTest.SERIES;
import static io.remora.it.spool.OutageTest.assertNoGap;
import static io.remora.it.spool.OutageTest.awaitSamples;
import static io.remora.it.spool.OutageTest.awaitSamplesAfter;

import io.remora.it.receivers.RealReceiver;
import io.remora.it.receivers.Sample;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application is killed with SIGKILL while its receivers are down; the next run, on the same
 * spool directory, sends what the dead run had spooled once the receivers are back.
 */
class CrashRestartTest {

    private static final Duration BEFORE_KILL = Duration.ofSeconds(8);
    /** What can die with the process: the batch not yet written (max-delay 1 s) and the sample being taken. */
    private static final long LOST_AT_KILL_MS = 3 * INTERVAL_MS;

    @TempDir
    Path tmp;

    @Test
    void aKilledRunsSpoolIsSentByTheNextRun() throws Exception {
        Path spool = tmp.resolve("spool");
        try (RealReceiver vm = RealReceiver.victoriaMetrics(); RealReceiver prometheus = RealReceiver.prometheus()) {
            SpooledChild dead = SpooledChild.start(spool, Duration.ofMinutes(3), "dead", List.of(),
                    vm.writeUrl(), prometheus.writeUrl());
            SpooledChild next = null;
            try {
                String deadSeries = SERIES + "{" + dead.instanceMatcher() + "}";
                awaitSamples(vm, deadSeries, 2, dead);
                awaitSamples(prometheus, deadSeries, 2, dead);
                long down = System.currentTimeMillis();
                vm.stop();
                prometheus.stop();
                Thread.sleep(BEFORE_KILL.toMillis());
                long killed = System.currentTimeMillis();
                dead.kill();
                next = SpooledChild.start(spool, Duration.ofMinutes(3), "next", List.of(),
                        vm.writeUrl(), prometheus.writeUrl());
                vm.restart();
                prometheus.restart();
                for (RealReceiver receiver : List.of(vm, prometheus)) {
                    List<Sample> samples = awaitSamplesAfter(receiver, deadSeries, killed - LOST_AT_KILL_MS, next);
                    assertNoGap(receiver + " " + deadSeries, samples, down - INTERVAL_MS, killed - LOST_AT_KILL_MS);
                    awaitSamples(receiver, SERIES + "{" + next.instanceMatcher() + "}", 1, next);
                }
            } finally {
                dead.destroyIfAlive();
                if (next != null) {
                    next.destroyIfAlive();
                }
            }
        }
    }
}
