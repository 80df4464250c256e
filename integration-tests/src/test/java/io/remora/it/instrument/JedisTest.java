package io.remora.it.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.it.agent.ChildRun;
import io.remora.it.agent.Jdk;
import io.remora.it.agent.TestFiles;
import io.remora.it.instrument.app.JedisApp;
import io.remora.it.receivers.RealReceiver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Jedis 4, 5 and 7 under the agent on JDK 17 and 25, against a real redis-server: each command counted
 * once under its upper-case name, through {@code Jedis}, {@code JedisPooled}, a pipeline and a
 * transaction alike; an error reply as {@code JedisDataException}, a command the server does not
 * know as {@code _OTHER}, a refused connection as {@code JedisConnectionException}; the
 * connection's own set-up (CLIENT SETINFO, which this server answers with an error) not counted.
 * The app prints what it saw, as it would without the agent.
 */
class JedisTest {

    static final String DATA_ERROR = "redis.clients.jedis.exceptions.JedisDataException";
    static final String CONNECTION_ERROR = "redis.clients.jedis.exceptions.JedisConnectionException";

    @RegisterExtension
    static final PrometheusPerClass PROMETHEUS = new PrometheusPerClass();

    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();

    @TempDir
    static Path dir;

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void everyCommandIsCountedOnceWithItsNameAndError(Jdk jdk) {
        everyCommandIsCountedOnce(jdk, "jedis-", TestClassPath.jars("jedis", "commons-pool2", "gson", "json"));
    }

    /** Jedis 7, whose Connection has the same methods; the app is the same class file. */
    @ParameterizedTest
    @EnumSource(Jdk.class)
    void jedis7CommandsAreCountedAlike(Jdk jdk) {
        everyCommandIsCountedOnce(jdk, "jedis7-", TestFiles.clientLibrary("jedis-7"));
    }

    /** Jedis 4, the oldest with the same Connection (its set-up is a private method, advised alike). */
    @ParameterizedTest
    @EnumSource(Jdk.class)
    void jedis4CommandsAreCountedAlike(Jdk jdk) {
        everyCommandIsCountedOnce(jdk, "jedis4-", TestFiles.clientLibrary("jedis-4"));
    }

    private static void everyCommandIsCountedOnce(Jdk jdk, String jobPrefix, List<Path> jedisJars) {
        String job = jobPrefix + jdk.name().toLowerCase();
        List<Path> jars = new ArrayList<>(jedisJars);
        jars.addAll(TestClassPath.jars("slf4j-api", "slf4j-nop"));
        ChildRun run = InstrumentedRun.of(jdk, JedisApp.class, job).classPath(jars)
                .arguments(String.valueOf(REDIS.port()), job)
                .run(PROMETHEUS.receiver(), dir);
        assertEquals(List.of("set 5 found 6 hash 2 incr " + DATA_ERROR + " unknown " + DATA_ERROR
                + " listed 3 exec [OK, 2] pooled 2 deleted 1 refused 2 " + CONNECTION_ERROR), run.stdout(),
                run.toString());
        assertTrue(InstrumentedRun.woven(run).contains("redis.clients.jedis.Connection"),
                InstrumentedRun.woven(run).toString());

        Map<String, Double> counts = InstrumentedRun.latest(PROMETHEUS.receiver(),
                "db_client_operation_duration_seconds_count{job=\"" + job + "\"}",
                "db_system_name", "db_operation_name", "error_type");
        assertEquals(Map.ofEntries(
                Map.entry("redis SET ", (double) JedisApp.SETS + 1),
                Map.entry("redis GET ", (double) JedisApp.GETS + JedisApp.POOLED_GETS),
                Map.entry("redis GET " + CONNECTION_ERROR, (double) JedisApp.REFUSED),
                Map.entry("redis HSET ", (double) JedisApp.HSETS),
                Map.entry("redis HGETALL ", 1.0),
                Map.entry("redis INCR " + DATA_ERROR, 1.0),
                Map.entry("redis INCR ", 1.0),
                Map.entry("redis _OTHER " + DATA_ERROR, 1.0),
                Map.entry("redis LPUSH ", (double) JedisApp.LPUSHES),
                Map.entry("redis LLEN ", 1.0),
                Map.entry("redis MULTI ", 1.0),
                Map.entry("redis EXEC ", 1.0),
                Map.entry("redis DEL ", 1.0)),
                counts, run.toString());
        assertDurationsPlausible(PROMETHEUS.receiver(), job, counts);
    }

    /**
     * Each series' summed duration is positive and below a second a command: loopback commands take
     * microseconds, so a start or end taken from the wrong place (or never) shows.
     * @return the sums, keyed as {@code counts}
     */
    static Map<String, Double> assertDurationsPlausible(RealReceiver receiver, String job, Map<String, Double> counts) {
        Map<String, Double> sums = InstrumentedRun.latest(receiver,
                "db_client_operation_duration_seconds_sum{job=\"" + job + "\"}",
                "db_system_name", "db_operation_name", "error_type");
        assertEquals(counts.keySet(), sums.keySet(), sums.toString());
        sums.forEach((series, sum) -> assertTrue(sum > 0 && sum < counts.get(series),
                series + ": " + sum + " s for " + counts.get(series) + " commands"));
        return sums;
    }
}
