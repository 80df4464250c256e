package io.remora.agent.jvm;

import io.remora.agent.collect.MetricWriter;
import io.remora.agent.collect.PeriodicCollector;
import io.remora.exporter.series.Series;
import java.util.Properties;

/** client_java's JvmRuntimeInfoMetric: {@code jvm_runtime_info{version,vendor,runtime}} with value 1. */
final class RuntimeInfoCollector implements PeriodicCollector {

    private final Series info;

    RuntimeInfoCollector(MetricWriter writer, Properties system) {
        this.info = writer.series("jvm_runtime_info",
                "version", system.getProperty("java.runtime.version", "unknown"),
                "vendor", system.getProperty("java.vm.vendor", "unknown"),
                "runtime", system.getProperty("java.runtime.name", "unknown"));
    }

    @Override
    public void collect(MetricWriter writer, long timestampMs) {
        writer.record(info, timestampMs, 1);
    }
}
