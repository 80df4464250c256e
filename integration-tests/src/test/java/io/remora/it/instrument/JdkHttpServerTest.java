package io.remora.it.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.remora.it.agent.ChildJvm;
import io.remora.it.agent.ChildRun;
import io.remora.it.agent.Jdk;
import io.remora.it.agent.TestFiles;
import io.remora.it.instrument.app.JdkHttpServerApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The JDK's HttpServer under the agent on JDK 17 and 25: each request counted once (a user filter
 * makes the chain nest), route = the context path, status and method as sent, a handler's exception
 * as error_type with no status, the server's own 404 for a path no context matches with no route;
 * also with the agent attached to the running server.
 */
class JdkHttpServerTest {

    @RegisterExtension
    static final PrometheusPerClass PROMETHEUS = new PrometheusPerClass();

    @TempDir
    static Path dir;

    private static final String ANSWERED = "ok " + JdkHttpServerApp.OK + " not-found " + JdkHttpServerApp.NOT_FOUND
            + " failed " + JdkHttpServerApp.FAILED + " no-context " + JdkHttpServerApp.NO_CONTEXT;

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void everyRequestIsCountedOnceWithItsRouteStatusAndError(Jdk jdk) {
        String job = "jdk-http-server-" + jdk.name().toLowerCase();
        ChildRun run = InstrumentedRun.of(jdk, JdkHttpServerApp.class, job).run(PROMETHEUS.receiver(), dir);
        assertEquals(List.of(ANSWERED), run.stdout(), run.toString());

        assertCountedOnce(job, run);
    }

    /**
     * Attached to the running server (which has served a request before, so its classes are loaded
     * and compiled), the agent retransforms them: what comes after is counted, exactly.
     */
    @ParameterizedTest
    @EnumSource(Jdk.class)
    void anAgentAttachedToTheRunningServerCountsWhatComesAfter(Jdk jdk) throws IOException {
        String job = "jdk-http-server-attached-" + jdk.name().toLowerCase();
        Path gate = dir.resolve(job + ".gate");
        ChildJvm.Started app = ChildJvm.of(jdk, JdkHttpServerApp.class, gate.toString(), JdkHttpServerApp.WARM_UP)
                .start(dir, job);
        assertEquals("warm-up 200", app.awaitLine("warm-up", ChildJvm.RUN_TIMEOUT));

        ChildRun attach = ChildJvm.Started.run(List.of(jdk.java().toString(), "-jar", TestFiles.agentJar().toString(),
                "attach", Long.toString(app.pid()), "endpoint=" + PROMETHEUS.receiver().writeUrl(), "job=" + job,
                "log.level=debug", "spool.dir=" + dir.resolve(job + "-spool")),
                dir.resolve(job + "-attach.out"), dir.resolve(job + "-attach.err")).awaitExit(ChildJvm.RUN_TIMEOUT);
        assertEquals(0, attach.exitCode(), attach.toString());
        app.awaitErrLine(InstrumentedRun.READY, ChildJvm.RUN_TIMEOUT);
        Files.createFile(gate);

        ChildRun run = app.awaitExit(ChildJvm.RUN_TIMEOUT);
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(List.of("warm-up 200", ANSWERED), run.stdout(), run.toString());
        assertCountedOnce(job, run);
    }

    /** The app's requests after its gate, each once; the warm-up request before any agent is not among them. */
    private static void assertCountedOnce(String job, ChildRun run) {
        Map<String, Double> counts = InstrumentedRun.latest(PROMETHEUS.receiver(),
                "http_server_request_duration_seconds_count{job=\"" + job + "\"}",
                "http_request_method", "http_route", "http_response_status_code", "error_type", "url_scheme");
        // a GET the server closes without an answer is retried once by HttpURLConnection
        assertEquals(Map.of(
                "GET /items 200  http", (double) JdkHttpServerApp.OK,
                "POST /items 404  http", (double) JdkHttpServerApp.NOT_FOUND,
                "GET /fail  java.lang.IllegalStateException http", (double) 2 * JdkHttpServerApp.FAILED,
                // no context matched: the server's own 404, no route, not a server error
                "GET  404  http", (double) JdkHttpServerApp.NO_CONTEXT),
                counts, run.toString());
        Map<String, Double> infBuckets = InstrumentedRun.latest(PROMETHEUS.receiver(),
                "http_server_request_duration_seconds_bucket{job=\"" + job + "\",le=\"+Inf\"}", "http_route",
                "http_response_status_code");
        assertEquals(7.0, infBuckets.get("/items 200"), infBuckets.toString());
    }
}
