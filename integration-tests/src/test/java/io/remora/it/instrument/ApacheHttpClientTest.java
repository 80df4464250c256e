package io.remora.it.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.it.agent.ChildRun;
import io.remora.it.agent.Jdk;
import io.remora.it.agent.TestFiles;
import io.remora.it.instrument.app.ApacheHttpAsyncClient5App;
import io.remora.it.instrument.app.ApacheHttpClient4App;
import io.remora.it.instrument.app.ApacheHttpClient5App;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Apache HttpClient 5 classic and async (async on 5.5 and 5.1), and 4.5, under the agent on JDK 17
 * and 25, against a JDK HttpServer in the same application (whose server-side series are not
 * looked at here): each request counted once with its method, status, server address and port,
 * through every entry point the apps use (response handler, closeable response, executeOpen with
 * no target, explicit target host, the minimal or deprecated client, futures and callbacks), a
 * followed redirect as one request, 4xx and 5xx as error_type, a refused connection as the class of
 * what the client threw, with no status; a decorator client that wraps another is woven too and its
 * requests still count once. The apps print what they saw, as they would without the agent.
 */
class ApacheHttpClientTest {

    @RegisterExtension
    static final PrometheusPerClass PROMETHEUS = new PrometheusPerClass();

    @TempDir
    static Path dir;

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void httpClient5ClassicRequestsAreCountedOnceWithStatusAndServer(Jdk jdk) {
        String job = "apache-httpclient5-" + jdk.name().toLowerCase();
        ChildRun run = InstrumentedRun.of(jdk, ApacheHttpClient5App.class, job)
                .classPath(client5Jars())
                .run(PROMETHEUS.receiver(), dir);
        String refused = "org.apache.hc.client5.http.HttpHostConnectException";
        String[] ports = HttpClientTest.ports(run);
        assertEquals("ok 5 redirected 1 not-found 3 posted 4 put 2 failed 2 refused 2 " + refused,
                run.stdout().get(1), run.toString());
        assertTrue(InstrumentedRun.woven(run).containsAll(List.of(
                "org.apache.hc.client5.http.impl.classic.InternalHttpClient",
                "org.apache.hc.client5.http.impl.classic.MinimalHttpClient",
                ApacheHttpClient5App.class.getName() + "$Decorator")), InstrumentedRun.woven(run).toString());

        String server = "127.0.0.1 " + ports[0];
        assertEquals(Map.of(
                "GET 200 " + server + " ", (double) ApacheHttpClient5App.GETS + 1,
                "GET 404 " + server + " 404", (double) ApacheHttpClient5App.NOT_FOUND,
                "POST 200 " + server + " ", (double) ApacheHttpClient5App.POSTS,
                "PUT 200 " + server + " ", (double) ApacheHttpClient5App.PUTS,
                "GET 500 " + server + " 500", (double) ApacheHttpClient5App.FAILED,
                "GET  127.0.0.1 " + ports[1] + " " + refused, (double) ApacheHttpClient5App.REFUSED),
                HttpClientTest.clientCounts(PROMETHEUS.receiver(), job), HttpClientTest.LABELS_HELP + "\n" + run);
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void httpClient5AsyncRequestsAreCountedOnceAtCompletion(Jdk jdk) {
        asyncRequestsAreCountedOnceAtCompletion(jdk, "apache-httpasyncclient5-", client5Jars());
    }

    /** 5.1 (Spring Boot 2.7's version), whose client calls executeImmediate without the chain. */
    @ParameterizedTest
    @EnumSource(Jdk.class)
    void httpClient51AsyncRequestsAreCountedAlike(Jdk jdk) {
        List<Path> jars = new ArrayList<>(TestFiles.clientLibrary("httpclient5-5.1"));
        jars.addAll(TestClassPath.jars("slf4j-api", "slf4j-nop"));
        asyncRequestsAreCountedOnceAtCompletion(jdk, "apache-httpasyncclient51-", jars);
    }

    private static void asyncRequestsAreCountedOnceAtCompletion(Jdk jdk, String jobPrefix, List<Path> jars) {
        String job = jobPrefix + jdk.name().toLowerCase();
        ChildRun run = InstrumentedRun.of(jdk, ApacheHttpAsyncClient5App.class, job).classPath(jars)
                .run(PROMETHEUS.receiver(), dir);
        String refused = "org.apache.hc.client5.http.HttpHostConnectException";
        String[] ports = HttpClientTest.ports(run);
        assertEquals("ok 5 redirected 1 not-found 3 failed 2 posted 6 callbacks 6 refused 2 " + refused,
                run.stdout().get(1), run.toString());
        assertTrue(InstrumentedRun.woven(run).contains(
                "org.apache.hc.client5.http.impl.async.InternalAbstractHttpAsyncClient"),
                InstrumentedRun.woven(run).toString());

        String server = "127.0.0.1 " + ports[0];
        assertEquals(Map.of(
                "GET 200 " + server + " ", (double) ApacheHttpAsyncClient5App.GETS + 1,
                "GET 404 " + server + " 404", (double) ApacheHttpAsyncClient5App.NOT_FOUND,
                "GET 500 " + server + " 500", (double) ApacheHttpAsyncClient5App.FAILED,
                "POST 200 " + server + " ", (double) ApacheHttpAsyncClient5App.POSTS,
                "GET  127.0.0.1 " + ports[1] + " " + refused, (double) ApacheHttpAsyncClient5App.REFUSED),
                HttpClientTest.clientCounts(PROMETHEUS.receiver(), job), HttpClientTest.LABELS_HELP + "\n" + run);
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void httpClient4RequestsAreCountedOnceWithStatusAndServer(Jdk jdk) {
        String job = "apache-httpclient4-" + jdk.name().toLowerCase();
        ChildRun run = InstrumentedRun.of(jdk, ApacheHttpClient4App.class, job)
                .classPath(client4Jars())
                .run(PROMETHEUS.receiver(), dir);
        String refused = "org.apache.http.conn.HttpHostConnectException";
        String[] ports = HttpClientTest.ports(run);
        assertEquals("ok 5 redirected 1 not-found 3 posted 4 put 2 failed 2 refused 2 " + refused,
                run.stdout().get(1), run.toString());
        assertTrue(InstrumentedRun.woven(run).containsAll(List.of("org.apache.http.impl.client.InternalHttpClient",
                "org.apache.http.impl.client.AbstractHttpClient",
                ApacheHttpClient4App.class.getName() + "$Decorator")), InstrumentedRun.woven(run).toString());

        String server = "127.0.0.1 " + ports[0];
        assertEquals(Map.of(
                "GET 200 " + server + " ", (double) ApacheHttpClient4App.GETS + 1,
                "GET 404 " + server + " 404", (double) ApacheHttpClient4App.NOT_FOUND,
                "POST 200 " + server + " ", (double) ApacheHttpClient4App.POSTS,
                "PUT 200 " + server + " ", (double) ApacheHttpClient4App.PUTS,
                "GET 500 " + server + " 500", (double) ApacheHttpClient4App.FAILED,
                "GET  127.0.0.1 " + ports[1] + " " + refused, (double) ApacheHttpClient4App.REFUSED),
                HttpClientTest.clientCounts(PROMETHEUS.receiver(), job), HttpClientTest.LABELS_HELP + "\n" + run);
    }

    /** Apache HttpClient 5 and its dependencies, for a child's class path. */
    static List<Path> client5Jars() {
        return TestClassPath.jars("httpclient5", "httpcore5", "httpcore5-h2", "slf4j-api", "slf4j-nop");
    }

    /** Apache HttpClient 4.5 and its dependencies, for a child's class path. */
    static List<Path> client4Jars() {
        return TestClassPath.jars("httpclient", "httpcore", "commons-logging", "commons-codec");
    }
}
