package io.remora.agent.jvm;

import io.remora.exporter.series.Series;

/** Where collectors write: the Exporter facade in the agent, a recording fake in tests. */
public interface MetricWriter {

    /** @throws io.remora.exporter.series.InvalidSeriesException if a receiver would reject it */
    Series series(String name, String... labelNamesAndValues);

    void record(Series series, long timestampMs, double value);
}
