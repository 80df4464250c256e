package io.remora.agent.jvm;

import io.remora.agent.collect.MetricWriter;
import io.remora.agent.collect.PeriodicCollector;
import io.remora.exporter.series.Series;
import java.lang.management.OperatingSystemMXBean;

/**
 * OpenTelemetry's {@code jvm.cpu.recent_utilization} and {@code jvm.cpu.count}:
 * {@code jvm_cpu_recent_utilization_ratio} (0 to 1, left out until the JVM can tell) and
 * {@code jvm_cpu_count}.
 */
final class CpuCollector implements PeriodicCollector {

    private final com.sun.management.OperatingSystemMXBean os;
    private final Series utilization;
    private final Series count;

    CpuCollector(MetricWriter writer, OperatingSystemMXBean os) {
        this.os = os instanceof com.sun.management.OperatingSystemMXBean
                ? (com.sun.management.OperatingSystemMXBean) os : null;
        this.utilization = writer.series("jvm_cpu_recent_utilization_ratio");
        this.count = writer.series("jvm_cpu_count");
    }

    @Override
    public void collect(MetricWriter writer, long timestampMs) {
        writer.record(count, timestampMs, Runtime.getRuntime().availableProcessors());
        if (os != null) {
            double load = os.getProcessCpuLoad();
            if (load >= 0) {
                writer.record(utilization, timestampMs, load);
            }
        }
    }
}
