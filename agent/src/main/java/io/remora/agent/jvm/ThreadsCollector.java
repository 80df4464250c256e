package io.remora.agent.jvm;

import io.remora.agent.collect.MetricWriter;
import io.remora.agent.collect.PeriodicCollector;
import io.remora.exporter.series.Series;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * client_java's JvmThreadsMetrics: {@code jvm_threads_{current,daemon,peak,deadlocked,deadlocked_monitor}},
 * {@code jvm_threads_started_total} and {@code jvm_threads_state{state}} with every
 * {@link Thread.State} plus {@code UNKNOWN} for ids the JVM reports as invalid.
 */
final class ThreadsCollector implements PeriodicCollector {

    private static final Thread.State[] STATES = Thread.State.values();

    private final ThreadMXBean threads;
    private final Series current;
    private final Series daemon;
    private final Series peak;
    private final Series started;
    private final Series deadlocked;
    private final Series deadlockedMonitor;
    private final Series[] byState = new Series[STATES.length];
    private final Series unknownState;

    ThreadsCollector(MetricWriter writer, ThreadMXBean threads) {
        this.threads = threads;
        this.current = writer.series("jvm_threads_current");
        this.daemon = writer.series("jvm_threads_daemon");
        this.peak = writer.series("jvm_threads_peak");
        this.started = writer.series("jvm_threads_started_total");
        this.deadlocked = writer.series("jvm_threads_deadlocked");
        this.deadlockedMonitor = writer.series("jvm_threads_deadlocked_monitor");
        for (Thread.State state : STATES) {
            byState[state.ordinal()] = writer.series("jvm_threads_state", "state", state.name());
        }
        this.unknownState = writer.series("jvm_threads_state", "state", "UNKNOWN");
    }

    @Override
    public void collect(MetricWriter writer, long timestampMs) {
        writer.record(current, timestampMs, threads.getThreadCount());
        writer.record(daemon, timestampMs, threads.getDaemonThreadCount());
        writer.record(peak, timestampMs, threads.getPeakThreadCount());
        writer.record(started, timestampMs, threads.getTotalStartedThreadCount());
        writer.record(deadlocked, timestampMs, lengthOf(threads.findDeadlockedThreads()));
        writer.record(deadlockedMonitor, timestampMs, lengthOf(threads.findMonitorDeadlockedThreads()));
        collectStates(writer, timestampMs);
    }

    private void collectStates(MetricWriter writer, long timestampMs) {
        long[] ids = threads.getAllThreadIds();
        int valid = 0;
        for (long id : ids) {
            if (id > 0) {
                ids[valid++] = id;
            }
        }
        long[] validIds = Arrays.copyOf(ids, valid);
        int[] counts = new int[STATES.length];
        // no stack traces: depth 0 keeps this cheap
        for (ThreadInfo info : threads.getThreadInfo(validIds, 0)) {
            if (info != null) {
                counts[info.getThreadState().ordinal()]++;
            }
        }
        for (Thread.State state : STATES) {
            writer.record(byState[state.ordinal()], timestampMs, counts[state.ordinal()]);
        }
        writer.record(unknownState, timestampMs, ids.length - valid);
    }

    private static int lengthOf(long[] ids) {
        return ids == null ? 0 : ids.length;
    }
}
