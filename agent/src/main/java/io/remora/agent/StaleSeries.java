package io.remora.agent;

import io.remora.agent.collect.MetricWriter;
import io.remora.exporter.series.SampleRecorder;
import io.remora.exporter.series.Series;
import java.util.HashSet;
import java.util.Set;

/**
 * Writes through to the exporter and remembers which series each collection round wrote. A series
 * written in one round and not in the next (a buffer pool, an executor or a GC action gone, a
 * collector switched off) gets Prometheus's staleness marker at the next round's time, as
 * Prometheus itself marks a series that a scrape no longer returns: queries stop showing its last
 * value at once instead of for the 5-minute lookback. A series the application's own meters write
 * too is theirs once a bridge says so: Remora's writes of it are dropped from then on.
 */
final class StaleSeries implements MetricWriter {

    /** Where the staleness markers go: the exporter's {@code markStale}. */
    interface Marker {
        void markStale(Series series, long timestampMs);
    }

    private final SampleRecorder delegate;
    private final Marker marker;
    private Set<Series> previousRound = new HashSet<>();
    private Set<Series> thisRound = new HashSet<>();
    private final Set<Series> application = new HashSet<>();

    StaleSeries(SampleRecorder delegate, Marker marker) {
        this.delegate = delegate;
        this.marker = marker;
    }

    @Override
    public Series series(String name, String... labelNamesAndValues) {
        return delegate.series(name, labelNamesAndValues);
    }

    @Override
    public synchronized boolean record(Series series, long timestampMs, double value) {
        return !application.contains(series) && write(series, timestampMs, value);
    }

    @Override
    public synchronized void recordApplication(Series series, long timestampMs, double value) {
        write(series, timestampMs, value);
    }

    private boolean write(Series series, long timestampMs, double value) {
        thisRound.add(series);
        return delegate.record(series, timestampMs, value);
    }

    @Override
    public synchronized void yieldToApplication(Series series) {
        application.add(series);
    }

    @Override
    public synchronized boolean writtenThisRound(Series series) {
        return thisRound.contains(series);
    }

    /** Ends the round collected at {@code timestampMs}: what the round before wrote and this one did not goes stale. */
    synchronized void endRound(long timestampMs) {
        for (Series series : previousRound) {
            if (!thisRound.contains(series)) {
                marker.markStale(series, timestampMs);
            }
        }
        Set<Series> done = previousRound;
        previousRound = thisRound;
        thisRound = done;
        thisRound.clear();
    }
}
