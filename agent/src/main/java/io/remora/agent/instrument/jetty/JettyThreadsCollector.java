package io.remora.agent.instrument.jetty;

import io.remora.agent.instrument.GetterGauges;
import io.remora.bootstrap.WeakInstances;

/**
 * Each interval, the thread pool of every running Jetty server, as Micrometer's
 * {@code JettyServerThreadPoolMetrics} writes it (Spring Boot binds it without tags, so no labels):
 * configured min and max threads, current, busy and idle threads, and jobs queued. A pool that is not
 * a {@code QueuedThreadPool} gives what its getters give, as that binder's gauges do.
 */
final class JettyThreadsCollector extends GetterGauges {

    JettyThreadsCollector() {
        super("Jetty server", WeakInstances.of(JettyThreadsModule.SERVER),
                new String[] {
                    "jetty_threads_config_min", "jetty_threads_config_max", "jetty_threads_current",
                    "jetty_threads_busy", "jetty_threads_idle", "jetty_threads_jobs"
                },
                new String[] {
                    "getMinThreads", "getMaxThreads", "getThreads", "getBusyThreads", "getIdleThreads", "getQueueSize"
                },
                new boolean[6]);
    }

    /** A running server's pool. */
    @Override
    protected Object readable(Object server) throws ReflectiveOperationException {
        Class<?> type = server.getClass();
        return Boolean.TRUE.equals(type.getMethod("isRunning").invoke(server))
                ? type.getMethod("getThreadPool").invoke(server) : null;
    }
}
