package io.remora.agent.instrument;

import io.remora.agent.collect.MetricWriter;
import io.remora.agent.jvm.RecordingWriter;
import io.remora.exporter.series.Series;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A writer for the bridges' tests: what a {@link RecordingWriter} keeps, and which series the round
 * under way wrote, and which a bridge yielded to the application.
 */
public final class RoundWriter implements MetricWriter {
    private final RecordingWriter recorded = new RecordingWriter();
    private final Set<Series> thisRound = new HashSet<>();
    public final Set<Series> yielded = new HashSet<>();
    public int records;

    @Override
    public Series series(String name, String... labelNamesAndValues) {
        return recorded.series(name, labelNamesAndValues);
    }

    @Override
    public boolean record(Series series, long timestampMs, double value) {
        recorded.record(series, timestampMs, value);
        thisRound.add(series);
        records++;
        return true;
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

    /** Every series written, by its text, with its newest value. */
    public Map<String, Double> latest() {
        return new TreeMap<>(recorded.startingWith(""));
    }
}
