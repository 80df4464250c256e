package io.remora.agent.jvm;

import io.remora.agent.collect.MetricWriter;
import io.remora.agent.collect.PeriodicCollector;
import io.remora.exporter.series.Series;
import java.lang.management.CompilationMXBean;

/** client_java's JvmCompilationMetrics: {@code jvm_compilation_time_seconds_total}. */
final class CompilationCollector implements PeriodicCollector {

    private final CompilationMXBean compilation;
    private final Series time;

    /**
     * @param compilation null when the JVM has no JIT (-Xint)
     * @throws NotAvailableException when there is no compilation time to report
     */
    CompilationCollector(MetricWriter writer, CompilationMXBean compilation) {
        if (compilation == null || !compilation.isCompilationTimeMonitoringSupported()) {
            throw new NotAvailableException("this JVM does not report JIT compilation time");
        }
        this.compilation = compilation;
        this.time = writer.series("jvm_compilation_time_seconds_total");
    }

    @Override
    public void collect(MetricWriter writer, long timestampMs) {
        writer.record(time, timestampMs, compilation.getTotalCompilationTime() / 1000.0);
    }
}
