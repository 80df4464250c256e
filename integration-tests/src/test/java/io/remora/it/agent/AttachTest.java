package io.remora.it.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.remora.it.agent.app.WorkloadApp;
import io.remora.it.receivers.RealReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar remora-agent.jar attach <pid> ...} loads the agent into a JVM started without it. */
class AttachTest {

    /** Time for the attach and a few collections after it. */
    private static final String RUN_MILLIS = "8000";

    @TempDir
    Path dir;

    @Test
    void anAttachedAgentExportsTheRunningJvm() {
        try (RealReceiver prometheus = RealReceiver.prometheus()) {
            ChildJvm.Started app = ChildJvm.of(Jdk.DEFAULT, WorkloadApp.class, RUN_MILLIS).start(dir, "workload");
            String started = app.awaitLine(WorkloadApp.STARTED, ChildJvm.RUN_TIMEOUT);

            ChildRun attach = ChildJvm.Started.run(List.of(Jdk.DEFAULT.java().toString(),
                    "-jar", TestFiles.agentJar().toString(), "attach", Long.toString(app.pid()),
                    "endpoint=" + prometheus.writeUrl(), "interval=1s", "spool.dir=" + dir.resolve("spool")),
                    dir.resolve("attach.out"), dir.resolve("attach.err")).awaitExit(ChildJvm.RUN_TIMEOUT);
            assertEquals(0, attach.exitCode(), attach.toString());
            assertEquals(List.of("remora: attached to " + app.pid()), attach.stdout(), attach.toString());

            ExportedJvm exported = new ExportedJvm(prometheus, WorkloadApp.class, app.pid());
            List<Map<String, String>> series = exported.awaitSeries(JvmFamilies.names());
            JvmFamilies.assertArrived(JvmFamilies.names(), series, exported.job(), exported.instance());

            ChildRun run = app.awaitExit(ChildJvm.RUN_TIMEOUT.plus(Duration.ofMillis(Long.parseLong(RUN_MILLIS))));
            assertEquals(WorkloadApp.EXIT_CODE, run.exitCode(), run.toString());
            assertEquals(List.of(started, WorkloadApp.FINISHED), run.stdout(), run.toString());
            assertEquals(List.of(), run.stderr(), run.toString());
        }
    }
}
