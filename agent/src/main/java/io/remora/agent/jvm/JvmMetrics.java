package io.remora.agent.jvm;

import io.remora.log.Log;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/**
 * All JVM and process collectors, polled together by the agent thread. Each collector is on its
 * own: one that cannot start or that fails is logged once with the reason and switched off, the
 * others keep going. Touches ManagementFactory, so it must never be created on the main thread.
 */
public final class JvmMetrics implements AutoCloseable {

    private static final class Named {
        final String name;
        final JvmCollector collector;

        Named(String name, JvmCollector collector) {
            this.name = name;
            this.collector = collector;
        }
    }

    private final List<Named> collectors = new ArrayList<>();

    private JvmMetrics() {
    }

    /** Creates every collector against this JVM's MXBeans. */
    public static JvmMetrics start(MetricWriter writer) {
        JvmMetrics metrics = new JvmMetrics();
        metrics.add("memory", () -> new MemoryCollector(writer, ManagementFactory.getMemoryMXBean(),
                ManagementFactory.getMemoryPoolMXBeans()));
        metrics.add("memory-allocation", () -> new AllocationCollector(writer,
                ManagementFactory.getGarbageCollectorMXBeans()));
        metrics.add("gc", () -> new GcTimeCollector(writer, ManagementFactory.getGarbageCollectorMXBeans()));
        metrics.add("gc-duration", () -> new GcPauseCollector(writer, ManagementFactory.getGarbageCollectorMXBeans()));
        metrics.add("threads", () -> new ThreadsCollector(writer, ManagementFactory.getThreadMXBean()));
        metrics.add("classes", () -> new ClassLoadingCollector(writer, ManagementFactory.getClassLoadingMXBean()));
        metrics.add("buffer-pools", () -> new BufferPoolCollector(writer,
                ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)));
        metrics.add("compilation", () -> new CompilationCollector(writer, ManagementFactory.getCompilationMXBean()));
        metrics.add("runtime-info", () -> new RuntimeInfoCollector(writer, System.getProperties()));
        metrics.add("process", () -> new ProcessCollector(writer, ManagementFactory.getOperatingSystemMXBean(),
                ManagementFactory.getRuntimeMXBean(), Paths.get("/proc/self/status")));
        metrics.add("cpu", () -> new CpuCollector(writer, ManagementFactory.getOperatingSystemMXBean()));
        return metrics;
    }

    private void add(String name, Supplier<JvmCollector> create) {
        try {
            collectors.add(new Named(name, create.get()));
        } catch (NotAvailableException e) {
            Log.debug("jvm collector " + name + " off: " + e.getMessage());
        } catch (Throwable t) {
            Log.warn("jvm collector " + name + " cannot start (" + t + "); switched off");
        }
    }

    /** The names of the collectors still running. */
    public List<String> running() {
        List<String> names = new ArrayList<>();
        for (Named named : collectors) {
            names.add(named.name);
        }
        return names;
    }

    /** One round: every running collector records its values stamped with {@code timestampMs}. */
    public void collect(long timestampMs) {
        for (Iterator<Named> it = collectors.iterator(); it.hasNext(); ) {
            Named named = it.next();
            try {
                named.collector.collect(timestampMs);
            } catch (Throwable t) {
                Log.warn("jvm collector " + named.name + " failed (" + t + "); switched off");
                it.remove();
                closeQuietly(named);
            }
        }
    }

    @Override
    public void close() {
        for (Named named : collectors) {
            closeQuietly(named);
        }
        collectors.clear();
    }

    private static void closeQuietly(Named named) {
        try {
            named.collector.close();
        } catch (Throwable t) {
            Log.debug("jvm collector " + named.name + " did not close cleanly: " + t);
        }
    }
}
