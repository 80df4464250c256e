package io.remora.exporter.spool;

import io.remora.exporter.selfmetrics.DropReason;
import java.util.EnumMap;
import java.util.Map;

/** Counts what a spool reports. */
final class RecordingEvents implements SpoolEvents {

    private final Map<DropReason, Long> dropped = new EnumMap<>(DropReason.class);
    private int damaged;

    @Override
    public synchronized void dropped(DropReason reason, long samples) {
        dropped.merge(reason, samples, Long::sum);
    }

    @Override
    public synchronized void damaged() {
        damaged++;
    }

    synchronized long dropped(DropReason reason) {
        return dropped.getOrDefault(reason, 0L);
    }

    /** Every reason with a non-zero count. */
    synchronized Map<DropReason, Long> dropped() {
        Map<DropReason, Long> copy = new EnumMap<>(DropReason.class);
        dropped.forEach((reason, samples) -> {
            if (samples != 0) {
                copy.put(reason, samples);
            }
        });
        return copy;
    }

    synchronized int damagedCount() {
        return damaged;
    }
}
