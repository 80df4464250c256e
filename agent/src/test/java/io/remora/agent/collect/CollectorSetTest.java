package io.remora.agent.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.remora.agent.jvm.RecordingWriter;
import io.remora.log.Log;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CollectorSetTest {

    private final List<String> events = new ArrayList<>();

    /** Records each round and close; throws from its second round when told to. */
    private final class Probe implements PeriodicCollector {
        private final String name;
        private final boolean failsLater;
        private int rounds;

        Probe(String name, boolean failsLater) {
            this.name = name;
            this.failsLater = failsLater;
        }

        @Override
        public void collect(MetricWriter writer, long timestampMs) {
            if (failsLater && ++rounds > 1) {
                throw new IllegalStateException("gone");
            }
            writer.record(writer.series(name + "_total"), timestampMs, timestampMs);
        }

        @Override
        public void close() {
            events.add(name + " closed");
        }
    }

    @Test
    void aCollectorThatThrowsIsLoggedOnceClosedAndLeftOutWhileTheOthersGoOn() {
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        Log.setOutput(new PrintStream(logged, true, StandardCharsets.UTF_8));
        RecordingWriter writer = new RecordingWriter();
        CollectorSet set = new CollectorSet("instrumentation collector");
        try {
            set.add("first", new Probe("first", false));
            set.add("flaky", new Probe("flaky", true));
            set.add("last", new Probe("last", false));
            set.collect(writer, 1000);
            set.collect(writer, 2000);
            set.collect(writer, 3000);
        } finally {
            Log.setOutput(System.err);
        }
        assertEquals("remora: instrumentation collector flaky failed (java.lang.IllegalStateException: gone);"
                + " switched off" + System.lineSeparator(), logged.toString(StandardCharsets.UTF_8));
        assertEquals(List.of("flaky closed"), events);
        assertEquals(List.of("first", "last"), set.running());
        assertEquals(3000.0, writer.value("last_total{}"));
        assertEquals(1000.0, writer.value("flaky_total{}"));

        set.close();
        assertEquals(List.of("flaky closed", "first closed", "last closed"), events);
        assertEquals(List.of(), set.running());
    }
}
