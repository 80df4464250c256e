package io.remora.bootstrap.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.bootstrap.meter.BucketBounds;
import io.remora.bootstrap.meter.HistogramSnapshot;
import org.junit.jupiter.api.Test;

/**
 * The calls the advice makes, in the order it makes them, for a pool's statement wrapping a
 * driver's: only the outermost is recorded, and only the innermost (the driver's) names the database.
 */
class JdbcHooksTest {

    /** Stand-ins for a driver's statement classes and a pool's wrapper, one set per test. */
    private static final class DriverStatement {
    }

    private static final class OtherDriverStatement {
    }

    private static final class PoolStatement {
    }

    @Test
    void aWrapperCallIsRecordedOnceWithTheDatabaseOfTheInnermostCall() {
        long before = count("h2database", "SELECT", "");
        PoolStatement pool = new PoolStatement();
        DriverStatement driver = new DriverStatement();
        for (int i = 0; i < 3; i++) {
            long outer = JdbcHooks.enter();
            long inner = JdbcHooks.enter();
            assertTrue(outer != 0 && inner == 0);

            assertFalse(JdbcHooks.exit(inner));
            if (JdbcHooks.needsUrl(driver)) {
                assertEquals(0, i, "the URL is read for the first call of the class only");
                JdbcHooks.learnSystem(driver, "jdbc:h2:mem:test");
            }
            assertTrue(JdbcHooks.exit(outer));
            assertFalse(JdbcHooks.needsUrl(pool), "the wrapper's class is never asked");
            JdbcHooks.record(outer, SqlVerbs.of("select 1"), null);
        }
        assertEquals(before + 3, count("h2database", "SELECT", ""));
    }

    @Test
    void aFailedCallCountsWithItsExceptionClassAndAnUnreadableUrlIsOtherSql() {
        long before = count("other_sql", "UPDATE", IllegalStateException.class.getName());
        OtherDriverStatement statement = new OtherDriverStatement();
        long start = JdbcHooks.enter();
        assertTrue(JdbcHooks.exit(start));
        assertTrue(JdbcHooks.needsUrl(statement));
        // the advice's getConnection().getMetaData().getURL() threw: learnSystem is not called
        JdbcHooks.record(start, SqlVerbs.of("UPDATE t SET x = 1"), new IllegalStateException());
        assertEquals(before + 1, count("other_sql", "UPDATE", IllegalStateException.class.getName()));

        long next = JdbcHooks.enter();
        assertTrue(JdbcHooks.exit(next));
        assertTrue(JdbcHooks.needsUrl(statement), "a failed read is tried again on the next call");
    }

    @Test
    void aPreparedStatementKeepsTheVerbOfItsOutermostPrepare() {
        Object poolStatement = new Object();
        Object driverStatement = new Object();
        boolean outer = JdbcHooks.enterPrepare();
        boolean inner = JdbcHooks.enterPrepare();
        assertTrue(outer);
        assertFalse(inner);
        JdbcHooks.exitPrepare(inner, driverStatement, "INSERT INTO t VALUES (?)");
        JdbcHooks.exitPrepare(outer, poolStatement, "INSERT INTO t VALUES (?)");

        assertEquals("INSERT", JdbcHooks.operation(poolStatement, "execute", null));
        assertEquals("BATCH INSERT", JdbcHooks.operation(poolStatement, "executeBatch", null));
        assertEquals("BATCH INSERT", JdbcHooks.operation(poolStatement, "executeLargeBatch", null));
        assertEquals("_OTHER", JdbcHooks.operation(driverStatement, "executeQuery", null));
        assertEquals("BATCH", JdbcHooks.operation(driverStatement, "executeBatch", null));
        assertEquals("SELECT", JdbcHooks.operation(driverStatement, "executeQuery", " select 1"));

        assertTrue(JdbcHooks.enterPrepare(), "a prepare that threw leaves the nesting balanced");
        JdbcHooks.exitPrepare(true, null, "SELECT 1");
    }

    private static long count(String system, String operation, String errorType) {
        HistogramSnapshot snapshot = new HistogramSnapshot(BucketBounds.DB_DURATION);
        JdbcHooks.DURATION.labels(system, operation, errorType).snapshot(snapshot);
        return snapshot.count();
    }
}
