package io.remora.agent.instrument;

import io.remora.agent.jvm.MetricWriter;

/** Something the agent thread polls each interval, writing samples stamped with {@code timestampMs}. */
public interface PeriodicCollector {

    void collect(MetricWriter writer, long timestampMs);
}
