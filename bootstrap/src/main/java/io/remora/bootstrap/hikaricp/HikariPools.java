package io.remora.bootstrap.hikaricp;

import io.remora.bootstrap.Meters;
import io.remora.bootstrap.WeakIdentityMap;
import io.remora.bootstrap.WeakInstances;
import io.remora.bootstrap.meter.CounterFamily;
import io.remora.bootstrap.meter.TimerFamily;
import java.lang.ref.WeakReference;
import java.util.Iterator;

/**
 * What the HikariCP advice calls: every {@code HikariPool} the application builds, held weakly for
 * the agent to read its connections each interval, and the figures only a call can give, under the
 * names of HikariCP's Micrometer tracker as the Prometheus registry writes them: its three timers
 * ({@code _count}, {@code _sum}, {@code _max}), how long {@code getConnection} took
 * ({@code hikaricp_connections_acquire_seconds}, timeouts included, as HikariCP reports them), how
 * long a connection was held ({@code _usage_seconds}) and took to open ({@code _creation_seconds}),
 * the last two in whole milliseconds as HikariCP measures them; and its timeouts
 * ({@code hikaricp_connections_timeout_total}). The timers are recorded only while the pool has no
 * metrics tracker of the application's (HikariCP's no-op delegate), the one case where nothing else
 * measures them. A pool is labelled by its name, which its {@code toString()} returns without allocating.
 */
public final class HikariPools {

    /** Pools a process builds are few; a test suite that builds one per test stops being labelled past this. */
    private static final int MAX_POOLS = 100;
    /** What HikariCP throws when no connection came within its timeout (java.sql, outside java.base). */
    private static final String TIMEOUT = "java.sql.SQLTransientConnectionException";
    /** HikariCP's delegate when the pool has no metrics tracker. */
    private static final String NO_TRACKER = "com.zaxxer.hikari.pool.PoolBase$NopMetricsTrackerDelegate";
    private static final long MILLIS = 1_000_000L;

    public static final TimerFamily ACQUIRE = Meters.REGISTRY.timer(
            "hikaricp_connections_acquire_seconds", MAX_POOLS, "pool");
    public static final TimerFamily USAGE = Meters.REGISTRY.timer(
            "hikaricp_connections_usage_seconds", MAX_POOLS, "pool");
    public static final TimerFamily CREATION = Meters.REGISTRY.timer(
            "hikaricp_connections_creation_seconds", MAX_POOLS, "pool");
    public static final CounterFamily TIMEOUTS = Meters.REGISTRY.counter(
            "hikaricp_connections_timeout_total", MAX_POOLS, "pool");

    private static final WeakInstances POOLS = new WeakInstances();
    /** A pool entry (one connection) to when it was last handed out, nanoTime; one array per connection. */
    private static final WeakIdentityMap<long[]> BORROWED = new WeakIdentityMap<>();

    private HikariPools() {
    }

    /**
     * At the end of a pool's constructor; its timeout count exists from then on, at 0, as Micrometer's
     * does, and so do its timers unless the application gave it a tracker.
     */
    public static void constructed(Object pool, Object tracker) {
        POOLS.add(pool);
        String name = String.valueOf(pool);
        TIMEOUTS.labels(name);
        if (untracked(tracker)) {
            ACQUIRE.labels(name);
            USAGE.labels(name);
            CREATION.labels(name);
        }
    }

    /** At the end of {@code getConnection(timeout)}: a connection handed out, or none within the timeout. */
    public static void acquired(Object pool, Object tracker, long startNanos, Throwable thrown) {
        boolean timedOut = thrown != null && thrown.getClass().getName().equals(TIMEOUT);
        if (timedOut) {
            TIMEOUTS.labels(String.valueOf(pool)).increment();
        }
        if ((thrown == null || timedOut) && untracked(tracker)) {
            ACQUIRE.labels(String.valueOf(pool)).record(System.nanoTime() - startNanos);
        }
    }

    /** When a pool entry makes the proxy it hands out: its connection is borrowed from now. */
    public static void borrowed(Object entry) {
        long[] since = BORROWED.get(entry);
        if (since == null) {
            since = new long[1];
            BORROWED.put(entry, since);
        }
        since[0] = System.nanoTime();
    }

    /** When the pool takes an entry back: how long its connection was used, in whole milliseconds. */
    public static void recycled(Object pool, Object tracker, Object entry) {
        long[] since = BORROWED.get(entry);
        if (since != null && untracked(tracker)) {
            USAGE.labels(String.valueOf(pool)).record((System.nanoTime() - since[0]) / MILLIS * MILLIS);
        }
    }

    /**
     * At the end of opening a connection, whether it opened or failed, as HikariCP records it; not
     * before the pool has a delegate (its first connection, opened to fail fast, is not counted).
     */
    public static void created(Object pool, Object tracker, long startNanos) {
        if (untracked(tracker)) {
            CREATION.labels(String.valueOf(pool)).record((System.nanoTime() - startNanos) / MILLIS * MILLIS);
        }
    }

    /** The pools built so far; the agent removes those collected or shut down. */
    public static Iterator<WeakReference<Object>> pools() {
        return POOLS.iterator();
    }

    private static boolean untracked(Object tracker) {
        return tracker != null && tracker.getClass().getName().equals(NO_TRACKER);
    }
}
