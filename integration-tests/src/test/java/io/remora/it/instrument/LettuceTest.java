package io.remora.it.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.it.agent.ChildRun;
import io.remora.it.agent.Jdk;
import io.remora.it.agent.TestFiles;
import io.remora.it.instrument.app.LettuceApp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Lettuce 6 and 7 under the agent on JDK 17 and 25, against a real redis-server: each command counted
 * once under its upper-case name, from its dispatch to its completion, through the synchronous,
 * asynchronous and reactive APIs and a transaction alike; an error reply as
 * {@code RedisCommandExecutionException}, a command the server does not know as {@code _OTHER}, a
 * synchronous call that timed out as the {@code CancellationException} of its cancelled command, a
 * command on a closed connection as the {@code RedisException} it fails with;
 * the connection's handshake not counted. The app prints what it saw, as it would without the agent.
 */
class LettuceTest {

    static final String EXECUTION_ERROR = "io.lettuce.core.RedisCommandExecutionException";

    @RegisterExtension
    static final PrometheusPerClass PROMETHEUS = new PrometheusPerClass();

    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();

    @TempDir
    static Path dir;

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void everyCommandIsCountedOnceFromDispatchToCompletion(Jdk jdk) {
        everyCommandIsCountedOnce(jdk, "lettuce-", lettuceJars());
    }

    /** Lettuce 7 (on Netty 4.2), whose classes have the same methods; the app is the same class file. */
    @ParameterizedTest
    @EnumSource(Jdk.class)
    void lettuce7CommandsAreCountedAlike(Jdk jdk) {
        everyCommandIsCountedOnce(jdk, "lettuce7-", TestFiles.clientLibrary("lettuce-7"));
    }

    static List<Path> lettuceJars() {
        return TestClassPath.jarsUnder("/io/lettuce/", "/io/netty/", "/io/projectreactor/", "/org/reactivestreams/");
    }

    private static void everyCommandIsCountedOnce(Jdk jdk, String jobPrefix, List<Path> jars) {
        String job = jobPrefix + jdk.name().toLowerCase();
        List<Path> classPath = new ArrayList<>(jars);
        // Lettuce 7 logs through slf4j: the no-op binding, so that the child's stderr holds no slf4j warning
        classPath.addAll(TestClassPath.jars("slf4j-api", "slf4j-nop"));
        ChildRun run = InstrumentedRun.of(jdk, LettuceApp.class, job).classPath(classPath)
                .arguments(String.valueOf(REDIS.port()), job)
                .run(PROMETHEUS.receiver(), dir);
        assertEquals(List.of("set 5 found 6 hash 2 incr " + EXECUTION_ERROR + " unknown " + EXECUTION_ERROR
                + " exec 2 2 listed 3 reactive 2 deleted 1 incr " + EXECUTION_ERROR + " timeout io.lettuce.core.RedisCommandTimeoutException closed io.lettuce.core.RedisException"), run.stdout(), run.toString());
        assertTrue(InstrumentedRun.woven(run).containsAll(List.of("io.lettuce.core.RedisChannelHandler",
                "io.lettuce.core.protocol.AsyncCommand", "io.lettuce.core.protocol.CommandWrapper")),
                InstrumentedRun.woven(run).toString());

        Map<String, Double> counts = InstrumentedRun.latest(PROMETHEUS.receiver(),
                "db_client_operation_duration_seconds_count{job=\"" + job + "\"}",
                "db_system_name", "db_operation_name", "error_type");
        assertEquals(Map.ofEntries(
                Map.entry("redis SET ", (double) LettuceApp.SETS + 1),
                Map.entry("redis GET ", (double) LettuceApp.GETS + LettuceApp.REACTIVE_GETS),
                Map.entry("redis GET io.lettuce.core.RedisException", 1.0), // on a closed connection
                Map.entry("redis HSET ", (double) LettuceApp.HSETS),
                Map.entry("redis HGETALL ", 1.0),
                Map.entry("redis INCR " + EXECUTION_ERROR, 2.0), // one synchronous, one reactive
                Map.entry("redis INCR ", 1.0),
                Map.entry("redis _OTHER " + EXECUTION_ERROR, 1.0),
                Map.entry("redis LPUSH ", (double) LettuceApp.LPUSHES),
                Map.entry("redis LLEN ", 1.0),
                Map.entry("redis MULTI ", 1.0),
                Map.entry("redis EXEC ", 1.0),
                Map.entry("redis DEL ", 1.0),
                // the synchronous API cancels a command that timed out, then throws its timeout exception
                Map.entry("redis BLPOP " + "java.util.concurrent.CancellationException", 1.0)),
                counts, run.toString());
        Map<String, Double> sums = JedisTest.assertDurationsPlausible(PROMETHEUS.receiver(), job, counts);
        // from its dispatch until the timeout cancelled it
        double blocked = sums.get("redis BLPOP java.util.concurrent.CancellationException");
        assertTrue(blocked >= LettuceApp.TIMEOUT_MS / 1000.0, "BLPOP took " + blocked + " s");
    }
}
