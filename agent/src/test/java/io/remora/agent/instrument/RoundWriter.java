package io.remora.agent.instrument;

import io.remora.agent.jvm.MetricWriter;
import io.remora.exporter.series.Series;
import io.remora.exporter.series.SeriesRegistry;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** A writer for the bridges' tests: the newest value of each series, and which series a round wrote or yielded. */
public final class RoundWriter implements MetricWriter {
    private final SeriesRegistry registry = new SeriesRegistry();
    private final Map<String, Double> latest = new TreeMap<>();
    private final Set<Series> thisRound = new HashSet<>();
    public final Set<Series> yielded = new HashSet<>();
    public int records;

    @Override
    public Series series(String name, String... labelNamesAndValues) {
        return registry.register(name, labelNamesAndValues);
    }

    @Override
    public void record(Series series, long timestampMs, double value) {
        latest.put(series.toString(), value);
        thisRound.add(series);
        records++;
    }

    @Override
    public boolean writtenThisRound(Series series) {
        return thisRound.contains(series);
    }

    @Override
    public void yieldToApplication(Series series) {
        yielded.add(series);
    }

    public void newRound() {
        thisRound.clear();
        records = 0;
    }

    public Map<String, Double> latest() {
        return new TreeMap<>(latest);
    }
}
