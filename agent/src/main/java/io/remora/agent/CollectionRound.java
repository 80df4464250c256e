package io.remora.agent;

import io.remora.agent.instrument.Instrumentations;
import io.remora.agent.jvm.JvmMetrics;

/**
 * One round of collection: the JVM collectors, then the instrumentation meters. Run each interval
 * by the agent thread and one last time by the shutdown hook, so what the application did in its
 * last interval is sent too; rounds never overlap. Series a round no longer writes go stale.
 */
final class CollectionRound {

    private final JvmMetrics jvm;
    private final Instrumentations instrumentations;
    private final StaleSeries writer;

    /**
     * @param jvm null when off; it writes to {@code writer}
     * @param instrumentations null when none runs
     */
    CollectionRound(JvmMetrics jvm, Instrumentations instrumentations, StaleSeries writer) {
        this.jvm = jvm;
        this.instrumentations = instrumentations;
        this.writer = writer;
    }

    boolean isEmpty() {
        return jvm == null && instrumentations == null;
    }

    synchronized void run(long timestampMs) {
        if (jvm != null) {
            jvm.collect(timestampMs);
        }
        if (instrumentations != null) {
            instrumentations.collect(writer, timestampMs);
        }
        writer.endRound(timestampMs);
    }
}
