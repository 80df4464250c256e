package io.remora.agent.jvm;

/** Writes one family of JVM or process metrics each interval. */
interface JvmCollector {

    /** Reads its sources and records their values, all stamped with {@code timestampMs}. */
    void collect(long timestampMs);

    /** Releases listeners; the default holds none. */
    default void close() {
    }
}
