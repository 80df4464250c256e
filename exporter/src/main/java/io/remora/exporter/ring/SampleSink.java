package io.remora.exporter.ring;

/** Receives drained samples, one call each, on the exporter thread. */
@FunctionalInterface
public interface SampleSink {

    /** @param valueBits the value's raw IEEE 754 bits, so a stale marker's NaN payload survives */
    void accept(int seriesId, long timestampMs, long valueBits);
}
