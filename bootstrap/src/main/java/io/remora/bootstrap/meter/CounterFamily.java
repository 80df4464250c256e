package io.remora.bootstrap.meter;

/** A counter metric: one {@link Counter} per label set. */
public final class CounterFamily extends MeterFamily<Counter> {

    CounterFamily(String name, int maxLabelSets, String... labelNames) {
        super(name, maxLabelSets, labelNames, new Counter());
    }

    @Override
    Counter newMeter() {
        return new Counter();
    }
}
