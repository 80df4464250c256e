package io.remora.it.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.it.agent.app.LibrariesApp;
import io.remora.it.receivers.RealReceiver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application that bundles older versions of the agent's own dependencies (protobuf-java 3.19,
 * byte-buddy 1.10, snappy-java 1.1.7, jctools 3) runs under the agent exactly as without it, using
 * its own versions, and the agent still exports.
 */
class ConflictingLibrariesTest {

    private static final String STAY_MILLIS = "3000";

    @TempDir
    Path dir;

    @Test
    void theApplicationUsesItsOwnVersionsAndTheAgentStillExports() throws IOException {
        List<Path> jars = conflictingJars();
        ChildRun without = ChildJvm.of(Jdk.DEFAULT, LibrariesApp.class, STAY_MILLIS).classPath(jars)
                .run(dir, "libraries-without-agent");
        assertEquals(LibrariesApp.EXIT_CODE, without.exitCode(), without.toString());
        assertEquals(List.of(
                "protobuf protobuf-java-3.19.6.jar: 1700000000s 42ns",
                "snappy snappy-java-1.1.7.8.jar native 1.1.7: 34 -> 12 -> 34",
                "jctools jctools-core-3.3.0.jar: capacity 8, sum 28",
                "byte-buddy byte-buddy-1.10.22.jar: io.remora.it.agent.app.Generated says made by byte-buddy"),
                without.stdout(), without.toString());

        try (RealReceiver prometheus = RealReceiver.prometheus()) {
            ChildRun with = ChildJvm.of(Jdk.DEFAULT, LibrariesApp.class, STAY_MILLIS).classPath(jars)
                    .withAgent()
                    .property("remora.endpoint", prometheus.writeUrl().toString())
                    .property("remora.interval", "1s")
                    .property("remora.spool.dir", dir.resolve("spool").toString())
                    .run(dir, "libraries-with-agent");
            assertEquals(without.exitCode(), with.exitCode(), with.toString());
            assertEquals(without.stdout(), with.stdout(), with.toString());
            assertEquals(List.of(), with.stderr(), with.toString());

            ExportedJvm exported = new ExportedJvm(prometheus, LibrariesApp.class, with.pid());
            Set<String> families = Set.of("jvm_memory_used_bytes", "jvm_threads_current", "jvm_classes_loaded_total",
                    "process_cpu_seconds_total", "jvm_runtime_info");
            JvmFamilies.assertArrived(families, exported.awaitSeries(families), exported.job(), exported.instance());
        }
    }

    private static List<Path> conflictingJars() throws IOException {
        try (Stream<Path> files = Files.list(TestFiles.conflictingLibraries())) {
            List<Path> jars = files.filter(file -> file.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
            assertEquals(4, jars.size(), "protobuf-java, byte-buddy, snappy-java and jctools-core: " + jars);
            return jars;
        }
    }
}
