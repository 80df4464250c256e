package io.remora.agent.jvm;

import io.remora.agent.collect.CollectorSet;
import io.remora.agent.collect.MetricWriter;
import io.remora.agent.collect.PeriodicCollector;
import io.remora.log.Log;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Paths;
import java.util.List;
import java.util.function.Supplier;

/**
 * All JVM and process collectors, polled together by the agent thread. Each collector is on its
 * own: one that cannot start is logged once with the reason and left out; one that fails later is
 * switched off by the {@link CollectorSet}. Touches ManagementFactory, so it must never be created
 * on the main thread.
 */
public final class JvmMetrics implements AutoCloseable {

    private final MetricWriter writer;
    private final CollectorSet collectors = new CollectorSet("jvm collector");

    private JvmMetrics(MetricWriter writer) {
        this.writer = writer;
    }

    /** Creates every collector against this JVM's MXBeans. */
    public static JvmMetrics start(MetricWriter writer) {
        JvmMetrics metrics = new JvmMetrics(writer);
        metrics.add("memory", () -> new MemoryCollector(writer, ManagementFactory.getMemoryMXBean(),
                ManagementFactory.getMemoryPoolMXBeans()));
        metrics.add("memory-allocation", () -> new AllocationCollector(writer,
                ManagementFactory.getGarbageCollectorMXBeans()));
        metrics.add("gc", () -> new GcTimeCollector(writer, ManagementFactory.getGarbageCollectorMXBeans()));
        metrics.add("gc-duration", () -> new GcPauseCollector(ManagementFactory.getGarbageCollectorMXBeans()));
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

    private void add(String name, Supplier<PeriodicCollector> create) {
        try {
            collectors.add(name, create.get());
        } catch (NotAvailableException e) {
            Log.debug("jvm collector " + name + " off: " + e.getMessage());
        } catch (Throwable t) {
            Log.warn("jvm collector " + name + " cannot start (" + t + "); switched off");
        }
    }

    /** The names of the collectors still running. */
    public List<String> running() {
        return collectors.running();
    }

    /** One round: every running collector records its values stamped with {@code timestampMs}. */
    public void collect(long timestampMs) {
        collectors.collect(writer, timestampMs);
    }

    @Override
    public void close() {
        collectors.close();
    }
}
