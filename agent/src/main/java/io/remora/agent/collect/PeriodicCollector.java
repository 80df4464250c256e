package io.remora.agent.collect;

/**
 * Something the agent thread polls each interval, writing samples stamped with {@code timestampMs}:
 * a JVM collector, an instrumentation's collector, the meters' export. One that throws is switched
 * off by its {@link CollectorSet}. A collector may register its series ahead, in its constructor,
 * with the same writer it is then given each round.
 */
public interface PeriodicCollector {

    void collect(MetricWriter writer, long timestampMs);

    /** Releases listeners once the collector is switched off or the agent stops; the default holds none. */
    default void close() {
    }
}
