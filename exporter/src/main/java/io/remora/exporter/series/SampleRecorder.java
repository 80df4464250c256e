package io.remora.exporter.series;

/**
 * Where samples are written: register a series once, then record its samples. The exporter is one;
 * the agent's collectors and the exporter's own self-metrics write through this interface.
 */
public interface SampleRecorder {

    /**
     * @param labelNamesAndValues alternating label names and values
     * @throws InvalidSeriesException if a receiver would reject the series
     */
    Series series(String name, String... labelNamesAndValues);

    /** @return false if the sample was dropped (and counted) */
    boolean record(Series series, long timestampMs, double value);
}
