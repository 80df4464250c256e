package io.remora.agent.jvm;

import io.remora.agent.collect.MetricWriter;
import io.remora.agent.collect.PeriodicCollector;
import io.remora.exporter.series.Series;
import java.lang.management.ClassLoadingMXBean;

/** client_java's JvmClassLoadingMetrics: {@code jvm_classes_currently_loaded}, {@code jvm_classes_{loaded,unloaded}_total}. */
final class ClassLoadingCollector implements PeriodicCollector {

    private final ClassLoadingMXBean classes;
    private final Series current;
    private final Series loaded;
    private final Series unloaded;

    ClassLoadingCollector(MetricWriter writer, ClassLoadingMXBean classes) {
        this.classes = classes;
        this.current = writer.series("jvm_classes_currently_loaded");
        this.loaded = writer.series("jvm_classes_loaded_total");
        this.unloaded = writer.series("jvm_classes_unloaded_total");
    }

    @Override
    public void collect(MetricWriter writer, long timestampMs) {
        writer.record(current, timestampMs, classes.getLoadedClassCount());
        writer.record(loaded, timestampMs, classes.getTotalLoadedClassCount());
        writer.record(unloaded, timestampMs, classes.getUnloadedClassCount());
    }
}
