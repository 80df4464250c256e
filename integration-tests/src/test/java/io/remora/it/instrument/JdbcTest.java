package io.remora.it.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.it.agent.ChildRun;
import io.remora.it.agent.Jdk;
import io.remora.it.instrument.app.JdbcApp;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * H2 over JDBC under the agent on JDK 17 and 25, straight and through HikariCP: each execute
 * counted once per (db_system_name, db_operation_name, error_type), pooled calls once although the
 * pool's statement and the driver's are both instrumented, and the caller gets H2's SQLException.
 */
class JdbcTest {

    private static final String SYNTAX_ERROR = "org.h2.jdbc.JdbcSQLSyntaxErrorException";

    @RegisterExtension
    static final PrometheusPerClass PROMETHEUS = new PrometheusPerClass();

    @TempDir
    static Path dir;

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void everyOperationIsCountedOnceWithItsSystemVerbAndError(Jdk jdk) throws IOException {
        String job = "jdbc-" + jdk.name().toLowerCase();
        ChildRun run = InstrumentedRun.of(jdk, JdbcApp.class, job)
                .classPath(TestClassPath.jars("h2", "HikariCP", "slf4j-api", "slf4j-nop"))
                .property("remora.log.level", "debug")
                .run(PROMETHEUS.receiver(), dir);
        // the pool's classes carry the advice too: the pooled counts below are of nested calls
        assertTrue(wovenClasses(run).containsAll(List.of("com.zaxxer.hikari.pool.HikariProxyPreparedStatement",
                "com.zaxxer.hikari.pool.HikariProxyStatement", "com.zaxxer.hikari.pool.HikariProxyConnection",
                "org.h2.jdbc.JdbcPreparedStatement", "org.h2.jdbc.JdbcStatement")), wovenClasses(run).toString());
        assertEquals(List.of(
                "straight rows 11 found 4 failed " + SYNTAX_ERROR + " 42S02",
                "pooled merged 6 deleted 3 failed " + SYNTAX_ERROR + " 42S02"), run.stdout(), run.toString());

        Map<String, Double> counts = InstrumentedRun.latest(PROMETHEUS.receiver(),
                "db_client_operation_duration_seconds_count{job=\"" + job + "\"}",
                "db_system_name", "db_operation_name", "error_type");
        assertEquals(Map.ofEntries(
                Map.entry("h2database CREATE ", 2.0),
                Map.entry("h2database INSERT ", (double) JdbcApp.PLAIN_INSERTS + JdbcApp.PREPARED_INSERTS),
                Map.entry("h2database SELECT ", (double) JdbcApp.PLAIN_SELECTS + JdbcApp.PREPARED_SELECTS),
                Map.entry("h2database SELECT " + SYNTAX_ERROR, (double) JdbcApp.FAILED_SELECTS),
                Map.entry("h2database BATCH ", 1.0),
                Map.entry("h2database BATCH INSERT ", 1.0),
                Map.entry("h2database CALL ", (double) JdbcApp.CALLS),
                Map.entry("h2database MERGE ", (double) JdbcApp.POOLED_MERGES),
                Map.entry("h2database DELETE ", (double) JdbcApp.POOLED_DELETES),
                Map.entry("h2database UPDATE " + SYNTAX_ERROR, 1.0)),
                counts, run.toString());
    }

    /** The classes the agent says, at debug level, that it instrumented. */
    private static Set<String> wovenClasses(ChildRun run) {
        String said = "remora: instrumented ";
        return run.stderr().stream().filter(line -> line.startsWith(said))
                .map(line -> line.substring(said.length())).collect(Collectors.toSet());
    }
}
