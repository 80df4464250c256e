package io.remora.it.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.it.agent.ChildRun;
import io.remora.it.agent.Jdk;
import io.remora.it.instrument.app.Log4j2App;
import io.remora.it.instrument.app.LogbackApp;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@code logging} instrumentation on JDK 17 and 25: the events logged through logback and log4j2
 * counted by level exactly, under Micrometer's names, as its binders count them (an event at a level
 * its logger does not log is not an event); every level's counter exists, as Micrometer makes them
 * all; the application's output unchanged, and nothing but the agent's own debug lines on stderr.
 */
class LoggingTest {

    @RegisterExtension
    static final PrometheusPerClass PROMETHEUS = new PrometheusPerClass();

    @TempDir
    static Path dir;

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void logbackEventsAreCountedByLevel(Jdk jdk) {
        String job = "logback-" + jdk.name().toLowerCase();
        ChildRun run = InstrumentedRun.of(jdk, LogbackApp.class, job)
                .classPath(TestClassPath.jars("logback-classic", "logback-core", "slf4j-api"))
                .run(PROMETHEUS.receiver(), dir);
        assertEquals(List.of("logged"), run.stdout(), run.toString());
        assertTrue(run.stderr().stream().allMatch(line -> line.startsWith("remora: ")), run.toString());
        assertEquals(Map.of(
                "error", (double) LogbackApp.ERRORS,
                "warn", (double) LogbackApp.WARNINGS,
                "info", (double) LogbackApp.INFOS,
                "debug", (double) LogbackApp.VERBOSE_DEBUGS,
                "trace", (double) LogbackApp.VERBOSE_TRACES),
                InstrumentedRun.latest(PROMETHEUS.receiver(), "logback_events_total{job=\"" + job + "\"}", "level"),
                run.toString());
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void log4j2EventsAreCountedByLevel(Jdk jdk) {
        String job = "log4j2-" + jdk.name().toLowerCase();
        ChildRun run = InstrumentedRun.of(jdk, Log4j2App.class, job)
                .classPath(TestClassPath.jars("log4j-core", "log4j-api"))
                .run(PROMETHEUS.receiver(), dir);
        assertEquals(List.of("logged"), run.stdout(), run.toString());
        assertTrue(run.stderr().stream().allMatch(line -> line.startsWith("remora: ")), run.toString());
        assertEquals(Map.of(
                "fatal", (double) Log4j2App.FATALS,
                "error", (double) Log4j2App.ERRORS,
                "warn", (double) Log4j2App.WARNINGS,
                "info", (double) (Log4j2App.INFOS + Log4j2App.BUILT_INFOS),
                "debug", (double) Log4j2App.VERBOSE_DEBUGS,
                "trace", (double) Log4j2App.VERBOSE_TRACES),
                InstrumentedRun.latest(PROMETHEUS.receiver(), "log4j2_events_total{job=\"" + job + "\"}", "level"),
                run.toString());
    }
}
