package io.remora.agent.jvm;

import io.remora.exporter.series.Series;

/** Where collectors write: the Exporter facade in the agent, a recording fake in tests. */
public interface MetricWriter {

    /** @throws io.remora.exporter.series.InvalidSeriesException if a receiver would reject it */
    Series series(String name, String... labelNamesAndValues);

    void record(Series series, long timestampMs, double value);

    /**
     * Whether the series was already written in the collection round under way, by any collector:
     * a bridge of the application's own meters asks, so that a series Remora writes itself is not
     * written twice at one timestamp. False where the writer keeps no rounds.
     */
    default boolean writtenThisRound(Series series) {
        return false;
    }
}
