package io.remora.bootstrap.hikaricp;

import io.remora.bootstrap.Meters;
import io.remora.bootstrap.meter.BucketBounds;
import io.remora.bootstrap.meter.CounterFamily;
import io.remora.bootstrap.meter.HistogramFamily;
import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the HikariCP advice calls: every {@code HikariPool} the application builds, held weakly for
 * the agent to read its connections each interval, and the two figures only a call can give, under
 * the names of HikariCP's Micrometer tracker as the Prometheus registry writes them: how long
 * {@code getConnection} took ({@code hikaricp_connections_acquire_seconds}, here a histogram where
 * Micrometer's is a timer: the same {@code _count} and {@code _sum}, buckets instead of {@code _max})
 * and how often it timed out ({@code hikaricp_connections_timeout_total}). A pool is labelled by
 * its name, which its {@code toString()} returns without allocating.
 */
public final class HikariPools {

    /** Pools a process builds are few; a test suite that builds one per test stops being labelled past this. */
    private static final int MAX_POOLS = 100;
    /** What HikariCP throws when no connection came within its timeout (java.sql, outside java.base). */
    private static final String TIMEOUT = "java.sql.SQLTransientConnectionException";

    public static final HistogramFamily ACQUIRE = Meters.REGISTRY.histogram(
            "hikaricp_connections_acquire_seconds", BucketBounds.DB_DURATION, MAX_POOLS, "pool");
    public static final CounterFamily TIMEOUTS = Meters.REGISTRY.counter(
            "hikaricp_connections_timeout_total", MAX_POOLS, "pool");

    private static final Queue<WeakReference<Object>> POOLS = new ConcurrentLinkedQueue<>();

    private HikariPools() {
    }

    /** At the end of a pool's constructor; its timeout count exists from then on, at 0, as Micrometer's does. */
    public static void constructed(Object pool) {
        POOLS.add(new WeakReference<>(pool));
        TIMEOUTS.labels(String.valueOf(pool));
    }

    /** At the end of {@code getConnection(timeout)}: a connection handed out, or none within the timeout. */
    public static void acquired(Object pool, long startNanos, Throwable thrown) {
        if (thrown == null) {
            ACQUIRE.labels(String.valueOf(pool)).record(System.nanoTime() - startNanos);
        } else if (thrown.getClass().getName().equals(TIMEOUT)) {
            TIMEOUTS.labels(String.valueOf(pool)).increment();
        }
    }

    /** The pools built so far; the agent removes those collected or shut down. */
    public static Iterator<WeakReference<Object>> pools() {
        return POOLS.iterator();
    }
}
