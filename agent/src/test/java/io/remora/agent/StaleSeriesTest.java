package io.remora.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.agent.jvm.RecordingWriter;
import io.remora.exporter.series.Series;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StaleSeriesTest {

    private final RecordingWriter recording = new RecordingWriter();
    private final List<String> markedStale = new ArrayList<>();
    private final StaleSeries writer = new StaleSeries(recording,
            (series, timestampMs) -> markedStale.add(series + "@" + timestampMs));

    @Test
    void aSeriesARoundNoLongerWritesGoesStaleAtThatRoundOnce() {
        Series heap = writer.series("jvm_memory_used_bytes", "area", "heap");
        Series pool = writer.series("executor_pool_size_threads", "pool", "batch");

        writer.record(heap, 1000, 1);
        writer.record(pool, 1000, 4);
        writer.endRound(1000);
        assertEquals(List.of(), markedStale);

        writer.record(heap, 2000, 2); // the pool is gone
        writer.endRound(2000);
        assertEquals(List.of("executor_pool_size_threads{pool=\"batch\"}@2000"), markedStale);

        writer.record(heap, 3000, 3);
        writer.endRound(3000);
        assertEquals(1, markedStale.size(), "marked once, not every round after");
        assertEquals(3.0, recording.value("jvm_memory_used_bytes{area=\"heap\"}"), "written through");
    }

    @Test
    void aSeriesThatComesBackIsWrittenAgainAndCanGoStaleAgain() {
        Series pool = writer.series("executor_pool_size_threads", "pool", "batch");
        writer.record(pool, 1000, 4);
        writer.endRound(1000);
        writer.endRound(2000);
        writer.record(pool, 3000, 5);
        writer.endRound(3000);
        writer.endRound(4000);

        assertEquals(List.of("executor_pool_size_threads{pool=\"batch\"}@2000",
                "executor_pool_size_threads{pool=\"batch\"}@4000"), markedStale);
    }

    /** What a bridge of the application's meters asks before writing a series Remora may write itself. */
    @Test
    void aSeriesIsWrittenThisRoundOnlyFromItsRecordToTheEndOfTheRound() {
        Series start = writer.series("process_start_time_seconds");
        assertFalse(writer.writtenThisRound(start));
        writer.record(start, 1000, 1.7e9);
        assertTrue(writer.writtenThisRound(start));
        writer.endRound(1000);
        assertFalse(writer.writtenThisRound(start));
    }

    /**
     * A series the application's meters write too is theirs once the bridge yields it: Remora's own
     * writes are dropped from then on, the bridge's go through, and the series never goes stale on
     * the way.
     */
    @Test
    void aSeriesYieldedToTheApplicationTakesOnlyTheApplicationsValues() {
        Series timeouts = writer.series("hikaricp_connections_timeout_total", "pool", "orders");
        writer.record(timeouts, 1000, 1);
        writer.yieldToApplication(timeouts);
        writer.endRound(1000);

        writer.record(timeouts, 2000, 5); // Remora's own count, dropped
        assertFalse(writer.writtenThisRound(timeouts));
        writer.recordApplication(timeouts, 2000, 2);
        writer.endRound(2000);

        assertEquals(2.0, recording.value("hikaricp_connections_timeout_total{pool=\"orders\"}"));
        assertEquals(List.of(), markedStale);
    }
}
