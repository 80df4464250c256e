package io.remora.exporter.testing;

import io.remora.exporter.ring.RingShards;
import io.remora.exporter.selfmetrics.SelfMetrics;
import io.remora.exporter.series.SampleRecorder;
import io.remora.exporter.series.Series;
import io.remora.exporter.series.SeriesRegistry;
import java.util.LinkedHashMap;
import java.util.Map;

/** The self-metrics a report would send, by series text ({@code name{label="value",...}}). */
public final class SelfMetricsReport {

    private SelfMetricsReport() {
    }

    public static Map<String, Double> values(SelfMetrics selfMetrics, long timestampMs) {
        SeriesRegistry registry = new SeriesRegistry(Map.of());
        Map<String, Double> values = new LinkedHashMap<>();
        selfMetrics.report(new SampleRecorder() {
            @Override
            public Series series(String name, String... labelNamesAndValues) {
                return registry.register(name, labelNamesAndValues);
            }

            @Override
            public boolean record(Series series, long ts, double value) {
                values.put(series.toString(), value);
                return true;
            }
        }, timestampMs, new RingShards(1, 2), registry);
        return values;
    }
}
