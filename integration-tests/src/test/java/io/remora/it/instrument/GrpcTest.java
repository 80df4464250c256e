package io.remora.it.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.it.agent.ChildJvm;
import io.remora.it.agent.ChildRun;
import io.remora.it.agent.Jdk;
import io.remora.it.agent.TestFiles;
import io.remora.it.instrument.app.GrpcApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * grpc-java 1.85 (and 1.63) under the agent on JDK 17 and 25, a server and its client in one
 * application over loopback (grpc-netty-shaded): each call counted once on each side, with its
 * service, method and status code, blocking, async and server-streaming alike, to its close; a
 * handler that throws as UNKNOWN, a call cut by the client's deadline as DEADLINE_EXCEEDED by the
 * client and CANCELLED by the server, one the client cancels as CANCELLED on both sides, a method
 * the server does not know as UNIMPLEMENTED by the client only (no server call exists), as
 * OpenTelemetry's grpc instrumentation reports them. The app prints what it printed without the
 * agent, and exits the same.
 */
class GrpcTest {

    static final String OUTPUT = "placed 5 not-found NOT_FOUND,NOT_FOUND,NOT_FOUND failed UNKNOWN,UNKNOWN tracked 3"
            + " deadline DEADLINE_EXCEEDED unknown UNIMPLEMENTED cancelled CANCELLED async 4";
    private static final String LABELS_HELP = "rpc_system rpc_service rpc_method rpc_grpc_status_code";

    @RegisterExtension
    static final PrometheusPerClass PROMETHEUS = new PrometheusPerClass();

    @TempDir
    static Path dir;

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void everyCallIsCountedOnceOnEachSideToItsClose(Jdk jdk) {
        everyCallIsCountedOnce(jdk, "grpc-", jars());
    }

    /** An older line, whose call classes have the same methods; the app is the same class file. */
    @ParameterizedTest
    @EnumSource(Jdk.class)
    void grpc163CallsAreCountedAlike(Jdk jdk) {
        everyCallIsCountedOnce(jdk, "grpc163-", TestFiles.clientLibrary("grpc-1.63"));
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void withoutTheAgentTheAppPrintsTheSameAndExitsTheSame(Jdk jdk) throws IOException {
        String name = "grpc-plain-" + jdk.name().toLowerCase();
        Path gate = Files.createFile(dir.resolve(name + ".gate"));
        ChildRun plain = ChildJvm.of(jdk, GrpcApp.class, gate.toString()).classPath(jars()).run(dir, name);
        assertEquals(0, plain.exitCode(), plain.toString());
        assertEquals(List.of(OUTPUT), plain.stdout(), plain.toString());
    }

    private static void everyCallIsCountedOnce(Jdk jdk, String jobPrefix, List<Path> jars) {
        String job = jobPrefix + jdk.name().toLowerCase();
        ChildRun run = InstrumentedRun.of(jdk, GrpcApp.class, job).classPath(jars).run(PROMETHEUS.receiver(), dir);
        assertEquals(List.of(OUTPUT), run.stdout(), run.toString());
        assertTrue(InstrumentedRun.woven(run).containsAll(List.of("io.grpc.internal.ServerCallImpl",
                "io.grpc.internal.ServerCallImpl$ServerStreamListenerImpl", "io.grpc.internal.ClientCallImpl")),
                InstrumentedRun.woven(run).toString());

        String orders = "grpc " + GrpcApp.SERVICE + " ";
        Map<String, Double> bothSides = Map.of(
                orders + "Place 0", (double) GrpcApp.PLACED + GrpcApp.ASYNC,
                orders + "Place 5", (double) GrpcApp.NOT_FOUND,
                orders + "Fail 2", (double) GrpcApp.FAILED,
                orders + "Track 0", 1.0);
        Map<String, Double> client = new HashMap<>(bothSides);
        client.put(orders + "Hang 4", 1.0); // DEADLINE_EXCEEDED
        client.put(orders + "Hang 1", 1.0); // CANCELLED by the client
        client.put(orders + "Nope 12", 1.0); // UNIMPLEMENTED, by grpc-core before any server call
        assertEquals(client, counts("rpc_client_duration_seconds_count", job), LABELS_HELP + "\n" + run);
        Map<String, Double> server = new HashMap<>(bothSides);
        server.put(orders + "Hang 1", 2.0); // CANCELLED: the streams ended (deadline, cancel) before the server closed the calls
        assertEquals(server, counts("rpc_server_duration_seconds_count", job), LABELS_HELP + "\n" + run);

        // measured to the close: the call the deadline cut lasted the deadline for the client, and nearly
        // as long for the server (its call starts once the request arrives; it ends at the deadline sent)
        double deadline = GrpcApp.DEADLINE_MS / 1000.0;
        double clientHang = counts("rpc_client_duration_seconds_sum", job).get(orders + "Hang 4");
        assertTrue(clientHang >= deadline && clientHang < 10, "client Hang " + clientHang + " s");
        double serverHangs = counts("rpc_server_duration_seconds_sum", job).get(orders + "Hang 1");
        assertTrue(serverHangs >= deadline / 2 && serverHangs < 20, "server Hangs " + serverHangs + " s");
    }

    private static Map<String, Double> counts(String metric, String job) {
        return InstrumentedRun.latest(PROMETHEUS.receiver(), metric + "{job=\"" + job + "\"}",
                "rpc_system", "rpc_service", "rpc_method", "rpc_grpc_status_code");
    }

    /** grpc-java 1.85 with shaded Netty, the stubs, and what they need at run time. */
    static List<Path> jars() {
        return TestClassPath.jars("grpc-api", "grpc-context", "grpc-core", "grpc-util", "grpc-stub",
                "grpc-netty-shaded", "guava", "failureaccess", "perfmark-api", "gson");
    }
}
