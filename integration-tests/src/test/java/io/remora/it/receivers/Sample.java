package io.remora.it.receivers;

import java.util.Objects;

/** One stored sample as a receiver returns it. Values compare by bits, so NaN equals NaN. */
public final class Sample {

    private final long timestampMs;
    private final double value;

    public Sample(long timestampMs, double value) {
        this.timestampMs = timestampMs;
        this.value = value;
    }

    public long timestampMs() {
        return timestampMs;
    }

    public double value() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Sample)) {
            return false;
        }
        Sample that = (Sample) other;
        return timestampMs == that.timestampMs && Double.compare(value, that.value) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(timestampMs, value);
    }

    @Override
    public String toString() {
        return timestampMs + "=" + value;
    }
}
