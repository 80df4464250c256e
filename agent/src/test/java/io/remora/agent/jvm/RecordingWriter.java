package io.remora.agent.jvm;

import io.remora.agent.collect.MetricWriter;
import io.remora.exporter.series.Series;
import io.remora.exporter.series.SeriesRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Keeps what collectors wrote, keyed by the series as text: {@code name{label="value",...}}. */
public final class RecordingWriter implements MetricWriter {

    private final SeriesRegistry registry = new SeriesRegistry();
    private final Map<String, Double> latest = new LinkedHashMap<>();
    private final List<Long> timestamps = new ArrayList<>();

    @Override
    public Series series(String name, String... labelNamesAndValues) {
        return registry.register(name, labelNamesAndValues);
    }

    @Override
    public boolean record(Series series, long timestampMs, double value) {
        latest.put(series.toString(), value);
        timestamps.add(timestampMs);
        return true;
    }

    /** The last value written to the series named exactly so, or null. */
    public Double value(String seriesText) {
        return latest.get(seriesText);
    }

    /** Every series written whose text starts with the prefix, with its last value. */
    public Map<String, Double> startingWith(String prefix) {
        return latest.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> b, LinkedHashMap::new));
    }

    public List<Long> timestamps() {
        return timestamps;
    }

    public void clear() {
        latest.clear();
        timestamps.clear();
    }
}
