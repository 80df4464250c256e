package io.remora.it.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.remora.it.agent.app.WorkloadApp;
import io.remora.it.instrument.PrometheusPerClass;
import io.remora.it.receivers.Await;
import io.remora.it.receivers.SeriesSamples;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clean exit marks every series the process sent stale, as Prometheus does when a target goes
 * away: right after the application exits, an instant query for its job returns nothing, instead
 * of its last values for the 5-minute lookback.
 */
class StaleOnExitTest {

    @RegisterExtension
    static final PrometheusPerClass PROMETHEUS = new PrometheusPerClass();

    @TempDir
    Path dir;

    @Test
    void afterACleanExitAnInstantQueryForTheJobReturnsNothing() {
        String job = "stale-on-exit";
        String everything = "{job=\"" + job + "\"}";
        ChildRun run = ChildJvm.of(Jdk.DEFAULT, WorkloadApp.class, "3000")
                .exportingTo(PROMETHEUS.receiver(), job, dir)
                .property("remora.interval", "1s")
                .run(dir, job);
        assertEquals(WorkloadApp.EXIT_CODE, run.exitCode(), run.toString());

        List<SeriesSamples> sent = PROMETHEUS.receiver().query().raw(everything, Duration.ofHours(1));
        assertFalse(sent.isEmpty(), "the run's samples arrived: " + run);
        assertFalse(sent.stream().noneMatch(series -> series.name().startsWith("jvm_")), sent.toString());
        assertFalse(sent.stream().noneMatch(series -> series.name().startsWith("remora_")), sent.toString());
        List<SeriesSamples> left = Await.until("every series of " + job + " to be stale", Duration.ofSeconds(5),
                () -> PROMETHEUS.receiver().query().instant(everything), List::isEmpty);
        assertEquals(List.of(), left);
    }
}
