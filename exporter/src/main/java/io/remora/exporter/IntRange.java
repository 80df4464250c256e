package io.remora.exporter;

/**
 * The whole numbers a count setting may take. The one rule: {@link ExporterConfig}'s builder enforces
 * it; the agent's configuration loader quotes it when it reports a refusal.
 */
public final class IntRange {

    private final int min;
    private final int max;

    IntRange(int min, int max) {
        this.min = min;
        this.max = max;
    }

    public boolean contains(int value) {
        return value >= min && value <= max;
    }

    /** {@code from 1 to 64}. */
    @Override
    public String toString() {
        return "from " + min + " to " + max;
    }

    int require(String what, int value) {
        if (!contains(value)) {
            throw new IllegalArgumentException(what + " must be " + this + ", got " + value);
        }
        return value;
    }
}
