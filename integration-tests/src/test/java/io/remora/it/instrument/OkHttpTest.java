package io.remora.it.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.it.agent.ChildRun;
import io.remora.it.agent.Jdk;
import io.remora.it.agent.TestFiles;
import io.remora.it.instrument.app.OkHttpApp;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * OkHttp 4 (and 5) under the agent on JDK 17 and 25, against a JDK HttpServer in the same application:
 * each call counted once with its method, status, server address and port, synchronous
 * ({@code execute}) and asynchronous ({@code enqueue}, more calls than the dispatcher runs at once
 * for a host) alike, a followed redirect as one call, 4xx and 5xx as error_type, a refused
 * connection as the class of what OkHttp threw, with no status. The app prints what it saw, as it
 * would without the agent.
 */
class OkHttpTest {

    @RegisterExtension
    static final PrometheusPerClass PROMETHEUS = new PrometheusPerClass();

    @TempDir
    static Path dir;

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void everyCallIsCountedOnceWithStatusAndServer(Jdk jdk) {
        everyCallIsCountedOnce(jdk, "okhttp-", jars());
    }

    /** OkHttp 5 (okhttp-jvm), whose RealCall has the same shape; the app is the same class file. */
    @ParameterizedTest
    @EnumSource(Jdk.class)
    void okHttp5CallsAreCountedAlike(Jdk jdk) {
        everyCallIsCountedOnce(jdk, "okhttp5-", TestFiles.clientLibrary("okhttp-5"));
    }

    private static void everyCallIsCountedOnce(Jdk jdk, String jobPrefix, List<Path> jars) {
        String job = jobPrefix + jdk.name().toLowerCase();
        ChildRun run = InstrumentedRun.of(jdk, OkHttpApp.class, job).classPath(jars)
                .run(PROMETHEUS.receiver(), dir);
        String refused = "java.net.ConnectException";
        String[] ports = HttpClientTest.ports(run);
        assertEquals("ok 5 redirected 1 not-found 3 failed 2 posted 7 refused 2 " + refused,
                run.stdout().get(1), run.toString());
        assertTrue(InstrumentedRun.woven(run).contains("okhttp3.internal.connection.RealCall"),
                InstrumentedRun.woven(run).toString());

        String server = "127.0.0.1 " + ports[0];
        assertEquals(Map.of(
                "GET 200 " + server + " ", (double) OkHttpApp.GETS + 1,
                "GET 404 " + server + " 404", (double) OkHttpApp.NOT_FOUND,
                "GET 500 " + server + " 500", (double) OkHttpApp.FAILED,
                "POST 200 " + server + " ", (double) OkHttpApp.POSTS,
                "GET  127.0.0.1 " + ports[1] + " " + refused, (double) OkHttpApp.REFUSED),
                HttpClientTest.clientCounts(PROMETHEUS.receiver(), job), HttpClientTest.LABELS_HELP + "\n" + run);
    }

    /** OkHttp and its dependencies (Okio, the Kotlin standard library), for a child's class path. */
    static List<Path> jars() {
        return TestClassPath.jars("okhttp", "okio-jvm", "kotlin-stdlib");
    }
}
