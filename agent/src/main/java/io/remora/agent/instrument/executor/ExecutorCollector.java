package io.remora.agent.instrument.executor;

import io.remora.agent.collect.MetricWriter;
import io.remora.agent.collect.PeriodicCollector;
import io.remora.bootstrap.executor.ExecutorPools;
import io.remora.exporter.series.InvalidSeriesException;
import io.remora.exporter.series.Series;
import io.remora.log.Log;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * Each interval, the figures of every registered pool: {@code executor_active_threads},
 * {@code executor_pool_size_threads}, {@code executor_pool_max_threads}, {@code executor_queued_tasks}
 * and, for thread pools, {@code executor_completed_tasks_total}, labelled {@code name}. A pool that
 * has terminated is written once more, with its final figures, and then dropped; one that was
 * garbage collected is dropped. Either way its series just stop: queries stop showing them after
 * Prometheus's lookback (5 minutes), as {@link MetricWriter} has no staleness marker to send.
 *
 * <p>A ForkJoinPool's max is its parallelism, its queue the submissions plus the workers' queued
 * tasks, and it has no completed count. The common one, built before any agent can run, is read
 * directly under the name {@value #COMMON_POOL}.
 *
 * <p>A servlet container's pool ({@link ContainerPool}) is named when first read, after its threads.
 * Tomcat's is also written as Micrometer's {@code TomcatMetrics} writes it, {@code tomcat_threads_*}
 * labelled with its connector's name ({@code http-nio-8080}), since Spring Boot leaves those meters
 * out unless Tomcat's MBean registry is switched on, and dashboards chart them.
 */
final class ExecutorCollector implements PeriodicCollector {

    static final String COMMON_POOL = "ForkJoinPool.commonPool";

    private static final String[] NAMES = {
        "executor_active_threads", "executor_pool_size_threads", "executor_pool_max_threads", "executor_queued_tasks",
        "executor_completed_tasks_total"
    };
    /** Tomcat's figures under Micrometer's names: busy, current and max threads, figures 0, 1 and 2 of its pool. */
    private static final String[] TOMCAT_NAMES = {
        "tomcat_threads_busy_threads", "tomcat_threads_current_threads", "tomcat_threads_config_max_threads"
    };
    /** What Tomcat's worker thread names add to its connector's name. */
    private static final String TOMCAT_WORKER_SUFFIX = "-exec";
    /** Fork-join pools have every figure but the completed count. */
    private static final int FORK_JOIN_FIGURES = NAMES.length - 1;
    private static final Series[] REFUSED = new Series[0];

    /** Pool to its series, in the order of {@link #NAMES}; touched by the agent thread only. */
    private final Map<ExecutorPools.Pool, Series[]> seriesByPool = new IdentityHashMap<>();
    /** A Tomcat pool to its series in the order of {@link #TOMCAT_NAMES}. */
    private final Map<ExecutorPools.Pool, Series[]> tomcatSeriesByPool = new IdentityHashMap<>();
    private Series[] commonPoolSeries;

    @Override
    public void collect(MetricWriter writer, long timestampMs) {
        for (String site = ExecutorPools.nextSiteOverCap(); site != null; site = ExecutorPools.nextSiteOverCap()) {
            Log.warn(site + " has built more than " + ExecutorPools.MAX_PER_SITE
                    + " pools; the later ones are not measured");
        }
        for (Iterator<ExecutorPools.Pool> it = ExecutorPools.pools(); it.hasNext(); ) {
            ExecutorPools.Pool registered = it.next();
            Object pool = registered.get();
            // the common pool registers too when ForkJoinPool is first loaded after the advice; it is read below
            if (pool == null || pool == ForkJoinPool.commonPool() || !collect(writer, timestampMs, registered, pool)) {
                it.remove();
                seriesByPool.remove(registered);
                tomcatSeriesByPool.remove(registered);
            }
        }
        collectCommonPool(writer, timestampMs);
    }

    /**
     * @return false once the pool is not to be read again: it has terminated (its final figures are
     *     written), or it could not be read. A pool registers at the start of its construction, so a
     *     thread pool whose constructor has not yet set its queue (after its locks and counters) is
     *     left for the next round (a fork-join pool's getters read a half-built one as idle); one
     *     whose constructor threw is never read and goes with the GC.
     */
    private boolean collect(MetricWriter writer, long timestampMs, ExecutorPools.Pool registered, Object pool) {
        try {
            if (!(pool instanceof ExecutorService) || ExecutorPools.containerPoolClass(pool.getClass()) != null) {
                return collectContainerPool(writer, timestampMs, registered, pool);
            }
            if (pool instanceof ThreadPoolExecutor && ((ThreadPoolExecutor) pool).getQueue() == null) {
                return true;
            }
            boolean terminated = ((ExecutorService) pool).isTerminated();
            boolean forkJoin = pool instanceof ForkJoinPool;
            Series[] series = seriesByPool.computeIfAbsent(registered,
                    r -> register(writer, r.name(), forkJoin ? FORK_JOIN_FIGURES : NAMES.length));
            if (series != REFUSED) {
                if (forkJoin) {
                    record(writer, series, timestampMs, (ForkJoinPool) pool);
                } else {
                    record(writer, series, timestampMs, (ThreadPoolExecutor) pool);
                }
            }
            return !terminated;
        } catch (RuntimeException e) {
            // a subclass's own getters may fail: that pool alone stops being measured
            String name = registered.name() != null ? registered.name() : pool.getClass().getName();
            Log.warn("pool " + name + " could not be read (" + e + "); no longer measured");
            return false;
        }
    }

    /** As {@link #collect(MetricWriter, long, ExecutorPools.Pool, Object)}, for a container's pool. */
    private boolean collectContainerPool(MetricWriter writer, long timestampMs, ExecutorPools.Pool registered,
            Object pool) {
        ContainerPool reader = ContainerPool.of(pool);
        if (!reader.ready(pool)) {
            return true;
        }
        boolean terminated = reader.terminated(pool);
        Series[] series = seriesByPool.get(registered);
        if (series == null) {
            if (registered.name() == null) {
                String name = ExecutorPools.name(reader.name(pool));
                if (name == null) {
                    return false; // past its name's cap, reported
                }
                registered.nameAs(name);
            }
            series = register(writer, registered.name(), reader.figureCount());
            seriesByPool.put(registered, series);
        }
        if (series != REFUSED) {
            for (int i = 0; i < series.length; i++) {
                writer.record(series[i], timestampMs, reader.figure(i, pool));
            }
        }
        if (reader.isTomcat()) {
            Series[] tomcat = tomcatSeriesByPool.computeIfAbsent(registered,
                    r -> register(writer, TOMCAT_NAMES, connectorName(r.name()), TOMCAT_NAMES.length));
            for (int i = 0; i < tomcat.length; i++) {
                writer.record(tomcat[i], timestampMs, reader.figure(i, pool));
            }
        }
        return !terminated;
    }

    /** {@code http-nio-8080} for the pool named after its threads, {@code http-nio-8080-exec}. */
    static String connectorName(String poolName) {
        return poolName.endsWith(TOMCAT_WORKER_SUFFIX)
                ? poolName.substring(0, poolName.length() - TOMCAT_WORKER_SUFFIX.length()) : poolName;
    }

    private void collectCommonPool(MetricWriter writer, long timestampMs) {
        if (commonPoolSeries == null) {
            commonPoolSeries = register(writer, COMMON_POOL, FORK_JOIN_FIGURES);
        }
        if (commonPoolSeries != REFUSED) {
            record(writer, commonPoolSeries, timestampMs, ForkJoinPool.commonPool());
        }
    }

    private static void record(MetricWriter writer, Series[] series, long timestampMs, ThreadPoolExecutor pool) {
        writer.record(series[0], timestampMs, pool.getActiveCount());
        writer.record(series[1], timestampMs, pool.getPoolSize());
        writer.record(series[2], timestampMs, pool.getMaximumPoolSize());
        writer.record(series[3], timestampMs, pool.getQueue().size());
        writer.record(series[4], timestampMs, pool.getCompletedTaskCount());
    }

    private static void record(MetricWriter writer, Series[] series, long timestampMs, ForkJoinPool pool) {
        writer.record(series[0], timestampMs, pool.getActiveThreadCount());
        writer.record(series[1], timestampMs, pool.getPoolSize());
        writer.record(series[2], timestampMs, pool.getParallelism());
        writer.record(series[3], timestampMs, pool.getQueuedSubmissionCount() + pool.getQueuedTaskCount());
    }

    /** The first {@code count} of {@link #NAMES} for one pool; REFUSED if the exporter refuses its name. */
    private static Series[] register(MetricWriter writer, String name, int count) {
        return register(writer, NAMES, name, count);
    }

    private static Series[] register(MetricWriter writer, String[] metrics, String name, int count) {
        Series[] series = new Series[count];
        try {
            for (int i = 0; i < count; i++) {
                series[i] = writer.series(metrics[i], "name", name);
            }
            return series;
        } catch (InvalidSeriesException e) {
            return REFUSED;
        }
    }
}
