package io.remora.agent.collect;

import io.remora.exporter.series.SampleRecorder;
import io.remora.exporter.series.Series;

/**
 * Where collectors write: the exporter's {@link SampleRecorder}, seen through the agent's collection
 * rounds. It adds only what a bridge of the application's own meters needs to know about a round.
 */
public interface MetricWriter extends SampleRecorder {

    /**
     * Whether the series was already written in the collection round under way, by any collector:
     * a bridge of the application's own meters asks, so that a series Remora writes itself is not
     * written twice at one timestamp. False where the writer keeps no rounds.
     */
    default boolean writtenThisRound(Series series) {
        return false;
    }

    /**
     * A bridge found that the application's own meters write this series too (a pool or log
     * counter Remora measures under Micrometer's names, Spring Boot's {@code process_start_time_seconds}):
     * from the next round on, the application's value is the one sent, so that what a user reads on
     * the application's own page is what arrives, and Remora's own writes of it are dropped.
     */
    default void yieldToApplication(Series series) {
    }

    /** A bridge's write of the application's own value, which Remora's writes of the series yield to. */
    default void recordApplication(Series series, long timestampMs, double value) {
        record(series, timestampMs, value);
    }
}
