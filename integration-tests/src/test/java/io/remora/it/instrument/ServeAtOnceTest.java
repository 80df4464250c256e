package io.remora.it.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.remora.it.agent.ChildJvm;
import io.remora.it.agent.ChildRun;
import io.remora.it.agent.Jdk;
import io.remora.it.instrument.app.ServeAtOnceApp;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Miss no request: an application that serves and calls from {@code main()} at once, without waiting
 * for the agent, has every request counted, on the server's side and the client's, on JDK 17 and 25.
 * The agent registers its class selection in premain and makes the HTTP classes wait for the advice.
 */
class ServeAtOnceTest {

    @RegisterExtension
    static final PrometheusPerClass PROMETHEUS = new PrometheusPerClass();

    @TempDir
    static Path dir;

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void everyRequestFromTheFirstIsCounted(Jdk jdk) {
        String job = "serve-at-once-" + jdk.name().toLowerCase();
        int total = ServeAtOnceApp.BY_HTTP_CLIENT + ServeAtOnceApp.BY_URL_CONNECTION;
        ChildRun run = ChildJvm.of(jdk, ServeAtOnceApp.class).exportingTo(PROMETHEUS.receiver(), job, dir)
                .run(dir, job);
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(List.of("ok " + total), run.stdout(), run.toString());
        assertEquals(List.of(), run.stderr(), run.toString());

        Map<String, Double> served = InstrumentedRun.latest(PROMETHEUS.receiver(),
                "http_server_request_duration_seconds_count{job=\"" + job + "\"}",
                "http_request_method", "http_route", "http_response_status_code");
        assertEquals(Map.of("GET " + ServeAtOnceApp.ROUTE + " 200", (double) total), served, run.toString());
        Map<String, Double> called = InstrumentedRun.latest(PROMETHEUS.receiver(),
                "sum by (http_request_method, http_response_status_code) "
                        + "(http_client_request_duration_seconds_count{job=\"" + job + "\"})",
                "http_request_method", "http_response_status_code");
        assertEquals(Map.of("GET 200", (double) total), called, run.toString());
    }
}
