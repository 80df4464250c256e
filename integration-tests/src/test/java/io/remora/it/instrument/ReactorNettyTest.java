package io.remora.it.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.it.agent.ChildRun;
import io.remora.it.agent.Jdk;
import io.remora.it.agent.TestFiles;
import io.remora.it.instrument.app.ReactorNettyApp;
import io.remora.it.instrument.app.WebFluxApp;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reactor Netty's HTTP server under the agent on JDK 17 and 25, bare and under Spring WebFlux, with
 * clients in the same application on loopback: each request counted once, from its arrival to its
 * response's end, with its method and status; the route is the Reactor Netty route's template, or
 * WebFlux's matched pattern; a path nothing maps has no route; a handler that fails is a 500 with
 * the class of what it threw; a request whose client went away before the answer has no status and
 * Reactor Netty's {@code AbortedException}. The apps print what they saw, as they would without the
 * agent.
 */
class ReactorNettyTest {

    @RegisterExtension
    static final PrometheusPerClass PROMETHEUS = new PrometheusPerClass();

    @TempDir
    static Path dir;

    /** What Reactor Netty fails a request to a closed port with (WebClient wraps it for the application). */
    private static final String REFUSED = "io.netty.channel.AbstractChannel$AnnotatedConnectException";

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void reactorNettyServerRequestsAreCountedOncePerRouteAndStatus(Jdk jdk) {
        reactorNettyRequestsAreCountedOnce(jdk, "reactor-netty-", jars());
    }

    /** Reactor Netty 1.3 on Netty 4.2 and Reactor 3.8 (Spring Boot 4's); the app is the same class file. */
    @ParameterizedTest
    @EnumSource(Jdk.class)
    void reactorNetty13IsMeasuredAlike(Jdk jdk) {
        reactorNettyRequestsAreCountedOnce(jdk, "reactor-netty13-", TestFiles.clientLibrary("reactor-netty-1.3"));
    }

    /** Reactor Netty 1.0 on Reactor 3.4 (Spring Boot 2.7's); the app is the same class file. */
    @ParameterizedTest
    @EnumSource(Jdk.class)
    void reactorNetty10IsMeasuredAlike(Jdk jdk) {
        reactorNettyRequestsAreCountedOnce(jdk, "reactor-netty10-", TestFiles.clientLibrary("reactor-netty-1.0"));
    }

    private static void reactorNettyRequestsAreCountedOnce(Jdk jdk, String jobPrefix, List<Path> jars) {
        String job = jobPrefix + jdk.name().toLowerCase();
        ChildRun run = InstrumentedRun.of(jdk, ReactorNettyApp.class, job).classPath(jars)
                .run(PROMETHEUS.receiver(), dir);
        assertEquals("orders " + ReactorNettyApp.ORDERS + " created " + ReactorNettyApp.CREATED + " not-found "
                + ReactorNettyApp.NOT_FOUND + " redirected 1 failed " + ReactorNettyApp.FAILED + " pipelined " + ReactorNettyApp.PIPELINED + " slow gave-up refused "
                + ReactorNettyApp.REFUSED, run.stdout().get(1), run.toString());
        assertTrue(InstrumentedRun.woven(run).containsAll(List.of("reactor.netty.http.server.HttpServerOperations",
                "reactor.netty.channel.ChannelOperations",
                "reactor.netty.http.server.DefaultHttpServerRoutes$HttpRouteHandler",
                "reactor.netty.http.client.HttpClientConnect$HttpClientHandler",
                "reactor.netty.http.client.HttpClientConnect$HttpObserver")), InstrumentedRun.woven(run).toString());

        assertEquals(Map.of(
                // the redirect's target and the pipelined ones too
                "GET /orders/{id} 200  http", (double) ReactorNettyApp.ORDERS + 1 + ReactorNettyApp.PIPELINED,
                "GET /redirect 302  http", 1.0,
                "POST /orders 201  http", (double) ReactorNettyApp.CREATED,
                // no route matched: the routes' own 404, no route, not a server error
                "GET  404  http", (double) ReactorNettyApp.NOT_FOUND,
                "GET /fail 500 java.lang.IllegalStateException http", (double) ReactorNettyApp.FAILED,
                // the client went away before the answer
                "GET /slow  reactor.netty.channel.AbortedException http", 1.0),
                serverCounts(job), run.toString());

        String[] ports = HttpClientTest.ports(run);
        String server = "127.0.0.1 " + ports[0];
        assertEquals(Map.of(
                // the followed redirect is one request, with the final status
                "GET 200 " + server + " ", (double) ReactorNettyApp.ORDERS + 1,
                "POST 201 " + server + " ", (double) ReactorNettyApp.CREATED,
                "GET 404 " + server + " 404", (double) ReactorNettyApp.NOT_FOUND,
                "GET 500 " + server + " 500", (double) ReactorNettyApp.FAILED,
                // the client's response timeout
                "GET  " + server + " io.netty.handler.timeout.ReadTimeoutException", 1.0,
                "GET  127.0.0.1 " + ports[1] + " " + REFUSED, (double) ReactorNettyApp.REFUSED),
                HttpClientTest.clientCounts(PROMETHEUS.receiver(), job), HttpClientTest.LABELS_HELP + "\n" + run);
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void webFluxRequestsAreCountedOnceWithTheMatchedPattern(Jdk jdk) {
        String job = "webflux-" + jdk.name().toLowerCase();
        ChildRun run = InstrumentedRun.of(jdk, WebFluxApp.class, job).classPath(jars())
                .run(PROMETHEUS.receiver(), dir);
        assertEquals("orders " + WebFluxApp.ORDERS + " created " + WebFluxApp.CREATED + " not-found "
                + WebFluxApp.NOT_FOUND + " failed " + WebFluxApp.FAILED + " greeted " + WebFluxApp.GREETED + " proxied " + WebFluxApp.PROXIED
                + " refused " + WebFluxApp.REFUSED, run.stdout().get(1), run.toString());
        assertTrue(InstrumentedRun.woven(run).contains("org.springframework.web.server.adapter.HttpWebHandlerAdapter"),
                InstrumentedRun.woven(run).toString());

        assertEquals(Map.of(
                // the proxied requests call /orders/{id} too
                "GET /orders/{id} 200  http", (double) WebFluxApp.ORDERS + WebFluxApp.PROXIED,
                "POST /orders 201  http", (double) WebFluxApp.CREATED,
                "GET  404  http", (double) WebFluxApp.NOT_FOUND,
                "GET /fail 500 java.lang.IllegalStateException http", (double) WebFluxApp.FAILED,
                "GET /proxy/{id} 200  http", (double) WebFluxApp.PROXIED,
                // a functional endpoint's pattern
                "GET /greetings/{name} 200  http", (double) WebFluxApp.GREETED),
                serverCounts(job), run.toString());

        String[] ports = HttpClientTest.ports(run);
        String server = "127.0.0.1 " + ports[0];
        assertEquals(Map.of(
                // the app's, and those its /proxy/{id} handler makes
                "GET 200 " + server + " ", (double) WebFluxApp.ORDERS + WebFluxApp.GREETED + 2 * WebFluxApp.PROXIED,
                "POST 201 " + server + " ", (double) WebFluxApp.CREATED,
                "GET 404 " + server + " 404", (double) WebFluxApp.NOT_FOUND,
                "GET 500 " + server + " 500", (double) WebFluxApp.FAILED,
                "GET  127.0.0.1 " + ports[1] + " " + REFUSED, (double) WebFluxApp.REFUSED),
                HttpClientTest.clientCounts(PROMETHEUS.receiver(), job), HttpClientTest.LABELS_HELP + "\n" + run);
    }

    private static Map<String, Double> serverCounts(String job) {
        return InstrumentedRun.latest(PROMETHEUS.receiver(),
                "http_server_request_duration_seconds_count{job=\"" + job + "\"}",
                "http_request_method", "http_route", "http_response_status_code", "error_type", "url_scheme");
    }

    /** Reactor Netty, Netty, Reactor, and Spring (with Micrometer's observation API, which Spring needs). */
    static List<Path> jars() {
        return TestClassPath.jarsUnder("/io/projectreactor/", "/io/netty/", "/org/reactivestreams/",
                "/org/springframework/spring-", "/io/micrometer/");
    }
}
