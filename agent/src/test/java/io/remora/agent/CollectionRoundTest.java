package io.remora.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.agent.jvm.JvmMetrics;
import io.remora.agent.jvm.RecordingWriter;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class CollectionRoundTest {

    /**
     * The agent thread's round can come due while the shutdown hook runs the last one and closes the
     * exporter: it must write nothing then, or each of its samples is counted as dropped after close.
     */
    @Test
    void noRoundWritesAfterTheLast() {
        RecordingWriter recording = new RecordingWriter();
        StaleSeries writer = new StaleSeries(recording, (series, timestampMs) -> { });
        CollectionRound round = new CollectionRound(JvmMetrics.start(writer), null, writer);
        round.run(1000);
        round.runLast(2000);
        round.run(3000);
        List<Long> timestamps = recording.timestamps();
        assertTrue(timestamps.contains(2000L), "the last round wrote: " + new HashSet<>(timestamps));
        assertEquals(new HashSet<>(List.of(1000L, 2000L)), new HashSet<>(timestamps));
    }
}
