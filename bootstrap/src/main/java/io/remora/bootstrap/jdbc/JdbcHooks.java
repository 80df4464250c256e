package io.remora.bootstrap.jdbc;

import io.remora.bootstrap.Meters;
import io.remora.bootstrap.Nesting;
import io.remora.bootstrap.WeakIdentityMap;
import io.remora.bootstrap.label.ErrorTypes;
import io.remora.bootstrap.meter.BucketBounds;
import io.remora.bootstrap.meter.HistogramFamily;

/**
 * What JDBC advice calls: {@code db_client_operation_duration_seconds{db_system_name,
 * db_operation_name,error_type}}, one observation per outermost execute call (a pool's statement
 * that delegates to the driver's is one operation).
 *
 * <p>The database comes from the innermost statement of the call, the driver's own: its class
 * belongs to one driver, so its system is learnt from a connection URL once per class and kept in a
 * {@link ClassValue}. The innermost call passes it out to the outermost through a per-thread slot. A
 * wrapper's class (a pool's) could front several databases, so it is never asked; and a wrapper's
 * connection is never asked for its metadata (HikariCP would then roll back on return).
 *
 * <p>A prepared statement's verb is parsed once, when the outermost {@code prepareStatement} or
 * {@code prepareCall} returns it, and kept for that statement object in a weak identity map.
 * <p>Everything here takes Objects: the bootstrap loader cannot see {@code java.sql}; the advice,
 * woven into the driver's classes, makes the JDBC calls.
 */
public final class JdbcHooks {

    /** Systems times verbs times error classes: a few dozen in an application. */
    private static final int MAX_LABEL_SETS = 1000;

    public static final HistogramFamily DURATION = Meters.REGISTRY.histogram(
            "db_client_operation_duration_seconds", BucketBounds.DB_DURATION, MAX_LABEL_SETS,
            "db_system_name", "db_operation_name", "error_type");

    private static final Nesting EXECUTING = new Nesting();
    private static final Nesting PREPARING = new Nesting();

    /** The current outermost call's database, named by its innermost call; null until then. */
    private static final ThreadLocal<String[]> CALL_SYSTEM = new ThreadLocal<String[]>() {
        @Override
        protected String[] initialValue() {
            return new String[1];
        }
    };

    private static final ClassValue<SystemOfClass> SYSTEMS = new ClassValue<SystemOfClass>() {
        @Override
        protected SystemOfClass computeValue(Class<?> type) {
            return new SystemOfClass();
        }
    };

    private static final WeakIdentityMap<String> PREPARED_VERBS = new WeakIdentityMap<>();

    private JdbcHooks() {
    }

    /** @return the start time when this is the outermost execute call on this thread, else 0 */
    public static long enter() {
        if (!EXECUTING.enter()) {
            return 0L;
        }
        CALL_SYSTEM.get()[0] = null;
        return System.nanoTime();
    }

    /**
     * Pairs every {@link #enter}, first thing in the exit advice.
     * @return true when the call was the outermost and is to be recorded
     */
    public static boolean exit(long startNanos) {
        EXECUTING.exit();
        return startNanos != 0L;
    }

    /**
     * Called on every exit after {@link #exit}: the innermost call names the database of the whole
     * call. Outer calls find it named and do nothing.
     * @return true when this is the innermost call and its class's database is not known yet: the
     *     advice then reads its connection's URL and passes it to {@link #learnSystem}
     */
    public static boolean needsUrl(Object statement) {
        String[] slot = CALL_SYSTEM.get();
        if (slot[0] != null) {
            return false;
        }
        String known = SYSTEMS.get(statement.getClass()).name;
        // if reading the URL fails, the call is other_sql and outer calls do not try again
        slot[0] = known == null ? DbSystems.OTHER_SQL : known;
        return known == null;
    }

    public static void learnSystem(Object statement, String url) {
        String system = DbSystems.fromUrl(url);
        SYSTEMS.get(statement.getClass()).name = system;
        CALL_SYSTEM.get()[0] = system;
    }

    /** @param operation from {@link SqlVerbs}, or {@link #preparedOperation} / {@link #batchOperation} */
    public static void record(long startNanos, String operation, Throwable thrown) {
        long elapsed = System.nanoTime() - startNanos;
        String system = CALL_SYSTEM.get()[0];
        DURATION.labels(system == null ? DbSystems.OTHER_SQL : system, operation, ErrorTypes.of(thrown))
                .record(elapsed);
    }

    /** The verb of a statement prepared while instrumented, else {@link SqlVerbs#OTHER}. */
    /**
     * The operation of an execute call.
     * @param method the execute method's name
     * @param sql the SQL it was given, null for {@code execute()} and {@code executeBatch()}
     */
    public static String operation(Object statement, String method, String sql) {
        if (sql != null) {
            return SqlVerbs.of(sql);
        }
        return method.endsWith("Batch") ? batchOperation(statement) : preparedOperation(statement);
    }

    static String preparedOperation(Object statement) {
        String verb = PREPARED_VERBS.get(statement);
        return verb == null ? SqlVerbs.OTHER : verb;
    }

    /** {@code BATCH INSERT} for a prepared statement's batch, {@code BATCH} for a plain statement's. */
    static String batchOperation(Object statement) {
        return SqlVerbs.batchOf(PREPARED_VERBS.get(statement));
    }

    /** @return true when this is the outermost prepare call on this thread */
    public static boolean enterPrepare() {
        return PREPARING.enter();
    }

    /**
     * Pairs every {@link #enterPrepare}; the outermost call's statement keeps the verb of its SQL.
     * @param statement what the call returned, null when it threw
     */
    public static void exitPrepare(boolean outermost, Object statement, String sql) {
        PREPARING.exit();
        if (outermost && statement != null) {
            PREPARED_VERBS.put(statement, SqlVerbs.of(sql));
        }
    }

    /** The database of one statement class, once its first instance has been asked. */
    private static final class SystemOfClass {
        volatile String name;
    }
}
