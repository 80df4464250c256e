package io.remora.agent;

import io.remora.agent.instrument.Instrumentations;
import io.remora.agent.jvm.JvmMetrics;
import io.remora.agent.jvm.MetricWriter;

/**
 * One round of collection: the JVM collectors, then the instrumentation meters. Run each interval
 * by the agent thread and one last time by the shutdown hook, so what the application did in its
 * last interval is sent too; rounds never overlap.
 */
final class CollectionRound {

    private final JvmMetrics jvm;
    private final Instrumentations instrumentations;
    private final MetricWriter writer;

    /** @param jvm null when off; @param instrumentations null when none runs */
    CollectionRound(JvmMetrics jvm, Instrumentations instrumentations, MetricWriter writer) {
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
    }
}
