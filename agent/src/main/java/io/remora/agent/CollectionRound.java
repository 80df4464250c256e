package io.remora.agent;

import io.remora.agent.instrument.Instrumentations;
import io.remora.agent.jvm.JvmMetrics;

/**
 * One round of collection: the JVM collectors, then the instrumentation meters. Run each interval
 * by the agent thread and one last time by the shutdown hook, so what the application did in its
 * last interval is sent too; rounds never overlap, and none follows the last. Series a round no longer writes go stale.
 */
final class CollectionRound {

    private final JvmMetrics jvm;
    private final Instrumentations instrumentations;
    private final StaleSeries writer;
    /** The last round ran: the exporter is closing, and what a later round wrote would only be dropped. */
    private boolean finished;

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
        if (finished) {
            return;
        }
        if (jvm != null) {
            jvm.collect(timestampMs);
        }
        if (instrumentations != null) {
            instrumentations.collect(writer, timestampMs);
        }
        writer.endRound(timestampMs);
    }

    /** The round at exit: after it, the agent thread's rounds write nothing. */
    synchronized void runLast(long timestampMs) {
        run(timestampMs);
        finished = true;
    }
}
