package io.remora.exporter.series;

/** Where collectors write: register a series once, then record its samples. */
public interface SampleRecorder {

    /**
     * @param labelNamesAndValues alternating label names and values
     * @throws InvalidSeriesException if a receiver would reject the series
     */
    Series series(String name, String... labelNamesAndValues);

    /** @return false if the sample was dropped (and counted) */
    boolean record(Series series, long timestampMs, double value);
}
