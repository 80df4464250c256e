package io.remora.it.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.it.agent.app.WorkloadApp;
import io.remora.it.receivers.RealReceiver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each bad value is reported as exactly one stderr line {@code remora: <name>=<value>: ...}, with no
 * stack trace, and the application's output and exit code are those of a run without the agent.
 * Where the bad value only disables a part (not the endpoint or its credentials), the JVM metrics
 * still arrive.
 */
class BadConfigurationTest {

    /** Long enough for the agent's first collection before the application exits. */
    private static final String RUN_MILLIS = "3000";

    @TempDir
    static Path dir;

    private static RealReceiver prometheus;
    private static ChildRun withoutAgent;

    @BeforeAll
    static void startPrometheusAndRunWithoutAgent() {
        prometheus = RealReceiver.prometheus();
        withoutAgent = ChildJvm.of(Jdk.DEFAULT, WorkloadApp.class, RUN_MILLIS).run(dir, "without-agent");
        assertEquals(WorkloadApp.EXIT_CODE, withoutAgent.exitCode(), withoutAgent.toString());
        assertEquals(List.of(), withoutAgent.stderr(), withoutAgent.toString());
    }

    @AfterAll
    static void stopPrometheus() {
        prometheus.close();
    }

    /**
     * {dir} stands for this class's temporary directory, {file} for a regular file in it. The
     * unreadable token file is a missing one: file permissions do not stop root, who may run this.
     */
    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "remora.endpoint              | http://exa mple:9090/api/v1/write | false",
        "remora.interval              | 5x                                | true",
        "remora.spool.max-size        | -64MiB                            | true",
        "remora.auth.bearer-file      | {dir}/no-such-token               | false",
        "remora.spool.dir             | {file}/spool                      | true",
        "remora.intervall             | 1s                                | true",
    })
    void oneLineOnStderrAndTheApplicationRunsAsWithoutTheAgent(String name, String template, boolean exports)
            throws IOException {
        String value = template.replace("{dir}", dir.toString()).replace("{file}", regularFile().toString());
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("remora.endpoint", prometheus.writeUrl().toString());
        properties.put("remora.interval", "1s");
        properties.put("remora.spool.dir", dir.resolve("spool").toString());
        properties.put(name, value); // the bad value replaces the good one
        ChildJvm child = ChildJvm.of(Jdk.DEFAULT, WorkloadApp.class, RUN_MILLIS).withAgent();
        properties.forEach(child::property);
        ChildRun run = child.run(dir, "bad-" + name);

        assertEquals(1, run.stderr().size(), "exactly one line on stderr: " + run);
        assertTrue(run.stderr().get(0).startsWith("remora: " + name + "=" + value + ": "), run.toString());
        assertEquals(withoutAgent.exitCode(), run.exitCode(), run.toString());
        assertEquals(withoutAgent.stdout(), run.stdout(), run.toString());
        if (exports) {
            ExportedJvm exported = new ExportedJvm(prometheus, WorkloadApp.class, run.pid());
            Set<String> someFamilies = Set.of("jvm_threads_current", "jvm_memory_used_bytes", "process_cpu_seconds_total");
            exported.awaitSeries(someFamilies);
        }
    }

    /** A regular file: no directory can be made at or below it. */
    private static Path regularFile() throws IOException {
        Path file = dir.resolve("a-file");
        if (!Files.exists(file)) {
            Files.writeString(file, "not a directory\n");
        }
        return file;
    }
}
