package io.remora.bootstrap.meter;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where the meter families live: instrumentation registers a family once and keeps it in a static
 * field; each interval the agent walks {@link #families()} and turns every label set's meter into
 * samples. Nothing here knows the exporter.
 */
public final class MeterRegistry {

    private final List<MeterFamily<?>> families = new CopyOnWriteArrayList<>();

    /** @throws IllegalArgumentException if a family of that name exists */
    public HistogramFamily histogram(String name, BucketBounds bounds, int maxLabelSets, String... labelNames) {
        return add(new HistogramFamily(name, bounds, maxLabelSets, labelNames));
    }

    /** @throws IllegalArgumentException if a family of that name exists */
    public CounterFamily counter(String name, int maxLabelSets, String... labelNames) {
        return add(new CounterFamily(name, maxLabelSets, labelNames));
    }

    /** @throws IllegalArgumentException if a family of that name exists */
    public TimerFamily timer(String name, int maxLabelSets, String... labelNames) {
        return add(new TimerFamily(name, maxLabelSets, labelNames));
    }

    /** In the order registered; a live view that is safe to iterate while families are added. */
    public List<MeterFamily<?>> families() {
        return Collections.unmodifiableList(families);
    }

    private synchronized <F extends MeterFamily<?>> F add(F family) {
        for (MeterFamily<?> existing : families) {
            if (existing.name().equals(family.name())) {
                throw new IllegalArgumentException("meter family " + family.name() + " exists");
            }
        }
        families.add(family);
        return family;
    }
}
