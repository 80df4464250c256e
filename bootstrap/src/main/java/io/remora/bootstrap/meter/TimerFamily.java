package io.remora.bootstrap.meter;

/** A timer metric: one {@link Timer} per label set, written as {@code _count}, {@code _sum} and {@code _max}. */
public final class TimerFamily extends MeterFamily<Timer> {

    TimerFamily(String name, int maxLabelSets, String... labelNames) {
        super(name, maxLabelSets, labelNames, new Timer());
    }

    @Override
    Timer newMeter() {
        return new Timer();
    }
}
