package io.remora.it.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.remora.it.agent.ChildJvm;
import io.remora.it.agent.ChildRun;
import io.remora.it.agent.Jdk;
import io.remora.it.instrument.app.ApacheHttpAsyncClient5App;
import io.remora.it.instrument.app.ApacheHttpClient4App;
import io.remora.it.instrument.app.ApacheHttpClient5App;
import io.remora.it.instrument.app.ExecutorApp;
import io.remora.it.instrument.app.JavaNetHttpClientApp;
import io.remora.it.instrument.app.JdbcApp;
import io.remora.it.instrument.app.JdkHttpServerApp;
import io.remora.it.instrument.app.JettyApp;
import io.remora.it.instrument.app.OkHttpApp;
import io.remora.it.instrument.app.TomcatApp;
import io.remora.it.instrument.app.UndertowApp;
import io.remora.it.instrument.app.UrlConnectionApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * From JDK 24 on, the JVM prints warnings on the application's stderr when code touches
 * sun.misc.Unsafe or loads native code without native access, naming the caller. Every instrumented
 * application, run on Temurin 25 at the agent's default log level, prints the same JVM warnings and
 * no agent line with the agent as without it: Byte Buddy, the injected bootstrap classes and the
 * advice woven into Tomcat, Jetty, Undertow, H2, HikariCP, Apache HttpClient, OkHttp and the JDK's own
 * classes stay quiet.
 */
class QuietOnNewJdksTest {

    @RegisterExtension
    static final PrometheusPerClass PROMETHEUS = new PrometheusPerClass();

    @TempDir
    static Path dir;

    static Stream<Arguments> applications() {
        return Stream.of(
                Arguments.of(JdkHttpServerApp.class, List.of()),
                Arguments.of(JavaNetHttpClientApp.class, List.of()),
                Arguments.of(UrlConnectionApp.class, List.of()),
                Arguments.of(ExecutorApp.class, List.of()),
                Arguments.of(JdbcApp.class, TestClassPath.jars("h2", "HikariCP", "slf4j-api", "slf4j-nop")),
                Arguments.of(TomcatApp.class, ServletContainersTest.Container.TOMCAT.jars()),
                Arguments.of(JettyApp.class, ServletContainersTest.Container.JETTY.jars()),
                Arguments.of(UndertowApp.class, ServletContainersTest.Container.UNDERTOW.jars()),
                Arguments.of(ApacheHttpClient5App.class, ApacheHttpClientTest.client5Jars()),
                Arguments.of(ApacheHttpAsyncClient5App.class, ApacheHttpClientTest.client5Jars()),
                Arguments.of(ApacheHttpClient4App.class, ApacheHttpClientTest.client4Jars()),
                Arguments.of(OkHttpApp.class, OkHttpTest.jars()));
    }

    @ParameterizedTest
    @MethodSource("applications")
    void theAgentAddsNoWarningAndNoLine(Class<?> app, List<Path> jars) throws IOException {
        ChildRun without = run(app, jars, false);
        ChildRun with = run(app, jars, true);
        assertEquals(0, without.exitCode(), without.toString());
        assertEquals(0, with.exitCode(), with.toString());
        assertEquals(warningsAndAgentLines(without), warningsAndAgentLines(with), with.toString());
    }

    /** Its gates open from the start: what it does is not measured here, only what it prints. */
    private static ChildRun run(Class<?> app, List<Path> jars, boolean withAgent) throws IOException {
        String name = app.getSimpleName() + (withAgent ? "-with-agent" : "-without-agent");
        Path gate = Files.createFile(dir.resolve(name + ".gate"));
        Files.createFile(dir.resolve(name + ".gate.release"));
        ChildJvm child = ChildJvm.of(Jdk.TEMURIN_25, app, gate.toString(), "0").classPath(jars);
        if (withAgent) {
            child.withAgent()
                    .property("remora.endpoint", PROMETHEUS.receiver().writeUrl().toString())
                    .property("remora.spool.dir", dir.resolve(name + "-spool").toString());
        }
        return child.run(dir, name);
    }

    private static List<String> warningsAndAgentLines(ChildRun run) {
        return run.stderr().stream()
                .filter(line -> line.startsWith("WARNING:") || line.startsWith("remora:"))
                .collect(Collectors.toList());
    }
}
