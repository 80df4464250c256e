package io.remora.it.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.it.agent.ChildRun;
import io.remora.it.agent.Jdk;
import io.remora.it.instrument.app.JavaNetHttpClientApp;
import io.remora.it.instrument.app.UrlConnectionApp;
import io.remora.it.receivers.RealReceiver;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The JDK's HTTP clients under the agent on JDK 17 and 25, against a JDK HttpServer in the same
 * application (whose server-side series are not looked at here): each request counted once with
 * its method, status, server address and port, a 4xx as error_type, a refused connection as the
 * exception's class with no status.
 */
class HttpClientTest {

    static final String LABELS_HELP = "method status address port error_type";

    @RegisterExtension
    static final PrometheusPerClass PROMETHEUS = new PrometheusPerClass();

    @TempDir
    static Path dir;

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void javaNetHttpClientSendAndSendAsyncAreCountedOnceToCompletion(Jdk jdk) {
        String job = "java-net-http-client-" + jdk.name().toLowerCase();
        ChildRun run = InstrumentedRun.of(jdk, JavaNetHttpClientApp.class, job).run(PROMETHEUS.receiver(), dir);
        String[] ports = ports(run);
        assertEquals("ok 5 not-found 3 async 6 refused 2", run.stdout().get(1), run.toString());

        String server = "127.0.0.1 " + ports[0];
        assertEquals(Map.of(
                "GET 200 " + server + " ", (double) JavaNetHttpClientApp.SENT_OK,
                "GET 404 " + server + " 404", (double) JavaNetHttpClientApp.SENT_NOT_FOUND,
                "POST 200 " + server + " ", (double) JavaNetHttpClientApp.ASYNC,
                "GET  127.0.0.1 " + ports[1] + " java.net.ConnectException", (double) JavaNetHttpClientApp.REFUSED),
                clientCounts(PROMETHEUS.receiver(), job), LABELS_HELP + "\n" + run);
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void httpUrlConnectionIsCountedOncePerRequestAndNotForTheAgentsOwnPosts(Jdk jdk) {
        String job = "http-url-connection-" + jdk.name().toLowerCase();
        // remote-write requests every second while the app waits: none of them may be counted
        ChildRun run = InstrumentedRun.of(jdk, UrlConnectionApp.class, job)
                .property("remora.interval", "1s")
                .property("remora.batch.max-delay", "100ms")
                .arguments("3000")
                .run(PROMETHEUS.receiver(), dir);
        String[] ports = ports(run);
        assertEquals("ok 4 posted 3 errors 2 refused 3 retried 200", run.stdout().get(1), run.toString());

        String server = "127.0.0.1 " + ports[0];
        String closed = "127.0.0.1 " + ports[1];
        // the flaky server's GET was sent twice by the JDK (it closed the first connection): one request
        assertEquals(Map.of(
                "GET 200 " + server + " ", (double) UrlConnectionApp.GETS,
                "POST 200 " + server + " ", (double) UrlConnectionApp.POSTS,
                "GET 500 " + server + " 500", (double) UrlConnectionApp.ERRORS,
                "GET  " + closed + " java.net.ConnectException", (double) UrlConnectionApp.REFUSED_GETS,
                "POST  " + closed + " java.net.ConnectException", (double) UrlConnectionApp.REFUSED_POSTS,
                "GET 200 127.0.0.1 " + ports[2] + " ", 1.0),
                clientCounts(PROMETHEUS.receiver(), job), LABELS_HELP + "\n" + run);
        Map<String, Double> posts = InstrumentedRun.latest(PROMETHEUS.receiver(),
                "remora_requests_sent_total{job=\"" + job + "\"}", "endpoint");
        assertTrue(posts.values().stream().mapToDouble(Double::doubleValue).sum() >= 2,
                "the agent sent remote-write requests while measuring, none counted as client requests to port "
                        + PROMETHEUS.receiver().writeUrl().getPort() + ": " + posts);
    }

    /** The ports on the app's first line: {@code server-port <n> closed-port <n> ...}. */
    static String[] ports(ChildRun run) {
        List<String> out = run.stdout();
        assertEquals(2, out.size(), run.toString());
        String[] words = out.get(0).split(" ");
        String[] ports = new String[words.length / 2];
        for (int i = 0; i < ports.length; i++) {
            ports[i] = words[2 * i + 1];
        }
        return ports;
    }

    static Map<String, Double> clientCounts(RealReceiver receiver, String job) {
        return InstrumentedRun.latest(receiver,
                "http_client_request_duration_seconds_count{job=\"" + job + "\"}",
                "http_request_method", "http_response_status_code", "server_address", "server_port", "error_type");
    }
}
