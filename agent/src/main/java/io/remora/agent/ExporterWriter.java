package io.remora.agent;

import io.remora.agent.jvm.MetricWriter;
import io.remora.exporter.Exporter;
import io.remora.exporter.series.Series;

/** Collectors write straight into the exporter; what it drops it counts itself. */
final class ExporterWriter implements MetricWriter {

    private final Exporter exporter;

    ExporterWriter(Exporter exporter) {
        this.exporter = exporter;
    }

    @Override
    public Series series(String name, String... labelNamesAndValues) {
        return exporter.series(name, labelNamesAndValues);
    }

    @Override
    public void record(Series series, long timestampMs, double value) {
        exporter.record(series, timestampMs, value);
    }
}
