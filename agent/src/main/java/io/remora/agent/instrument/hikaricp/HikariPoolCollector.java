package io.remora.agent.instrument.hikaricp;

import io.remora.agent.collect.MetricWriter;
import io.remora.agent.collect.PeriodicCollector;
import io.remora.bootstrap.hikaricp.HikariPools;
import io.remora.exporter.series.InvalidSeriesException;
import io.remora.exporter.series.Series;
import io.remora.log.Log;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Each interval, the connections of every live HikariCP pool, as HikariCP's Micrometer tracker
 * names them: {@code hikaricp_connections} (all), {@code _active}, {@code _idle}, {@code _pending}
 * (threads waiting), {@code _max} and {@code _min}, labelled {@code pool}. The agent cannot link
 * against HikariCP (it is the application's), so the pool's public getters and its public
 * {@code config} are looked up by name once per HikariCP class (an application server may hold
 * several copies) and called here, on the agent's thread. A pool that was shut down or collected is
 * dropped, and its series end.
 */
final class HikariPoolCollector implements PeriodicCollector {

    private static final String[] NAMES = {
        "hikaricp_connections", "hikaricp_connections_active", "hikaricp_connections_idle",
        "hikaricp_connections_pending", "hikaricp_connections_max", "hikaricp_connections_min"
    };
    private static final String[] POOL_GETTERS = {
        "getTotalConnections", "getActiveConnections", "getIdleConnections", "getThreadsAwaitingConnection"
    };
    private static final String[] CONFIG_GETTERS = {"getMaximumPoolSize", "getMinimumIdle"};
    /** HikariPool's {@code POOL_SHUTDOWN}. */
    private static final int SHUTDOWN = 2;
    private static final Series[] REFUSED = new Series[0];

    /** By the pool's weak reference, which keeps the pool collectable; touched by the agent thread only. */
    private final Map<WeakReference<Object>, Series[]> seriesByPool = new IdentityHashMap<>();
    /** Per HikariPool class: two applications in one JVM may each bring their own copy of HikariCP. */
    private static final ClassValue<Object> READERS = new ClassValue<Object>() {
        @Override
        protected Object computeValue(Class<?> poolClass) {
            try {
                return new Reader(poolClass);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return e;
            }
        }
    };

    @Override
    public void collect(MetricWriter writer, long timestampMs) {
        for (Iterator<WeakReference<Object>> it = HikariPools.pools(); it.hasNext(); ) {
            WeakReference<Object> reference = it.next();
            Object pool = reference.get();
            if (pool == null || !collect(writer, timestampMs, reference, pool)) {
                it.remove();
                seriesByPool.remove(reference);
            }
        }
    }

    /** @return false once the pool is not to be read again: shut down, or unreadable (said once) */
    private boolean collect(MetricWriter writer, long timestampMs, WeakReference<Object> reference, Object pool) {
        try {
            Object found = READERS.get(pool.getClass());
            if (found instanceof Exception) {
                throw (Exception) found;
            }
            Reader reader = (Reader) found;
            if (reader.shutDown(pool)) {
                return false;
            }
            Series[] series = seriesByPool.computeIfAbsent(reference, r -> register(writer, String.valueOf(pool)));
            if (series != REFUSED) {
                for (int i = 0; i < series.length; i++) {
                    writer.record(series[i], timestampMs, reader.figure(i, pool));
                }
            }
            return true;
        } catch (Exception e) {
            Log.warn("HikariCP pool " + pool + " could not be read (" + e + "); no longer measured");
            return false;
        }
    }

    private static Series[] register(MetricWriter writer, String poolName) {
        Series[] series = new Series[NAMES.length];
        try {
            for (int i = 0; i < NAMES.length; i++) {
                series[i] = writer.series(NAMES[i], "pool", poolName);
            }
            return series;
        } catch (InvalidSeriesException e) {
            return REFUSED;
        }
    }

    /** HikariPool's getters, in the order of {@link #NAMES}, found once. */
    private static final class Reader {
        private final Method[] poolGetters = new Method[POOL_GETTERS.length];
        private final Method[] configGetters = new Method[CONFIG_GETTERS.length];
        private final Field config;
        private final Field poolState;

        Reader(Class<?> poolClass) throws ReflectiveOperationException {
            for (int i = 0; i < POOL_GETTERS.length; i++) {
                poolGetters[i] = poolClass.getMethod(POOL_GETTERS[i]);
            }
            config = poolClass.getField("config");
            config.setAccessible(true); // public, but declared by the package-private PoolBase
            for (int i = 0; i < CONFIG_GETTERS.length; i++) {
                configGetters[i] = config.getType().getMethod(CONFIG_GETTERS[i]);
            }
            poolState = poolClass.getField("poolState");
        }

        boolean shutDown(Object pool) throws IllegalAccessException {
            return poolState.getInt(pool) == SHUTDOWN;
        }

        long figure(int index, Object pool) throws ReflectiveOperationException {
            Object value = index < poolGetters.length ? poolGetters[index].invoke(pool)
                    : configGetters[index - poolGetters.length].invoke(config.get(pool));
            return ((Number) value).longValue();
        }
    }
}
