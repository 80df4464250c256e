package io.remora.it.receivers;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** A series (every label, {@code __name__} included) and samples of it, oldest first. */
public final class SeriesSamples {

    private final Map<String, String> labels;
    private final List<Sample> samples;

    public SeriesSamples(Map<String, String> labels, List<Sample> samples) {
        this.labels = new TreeMap<>(labels);
        this.samples = List.copyOf(samples);
    }

    public Map<String, String> labels() {
        return labels;
    }

    public String name() {
        return labels.get("__name__");
    }

    public List<Sample> samples() {
        return samples;
    }

    public Sample latest() {
        return samples.get(samples.size() - 1);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof SeriesSamples)) {
            return false;
        }
        SeriesSamples that = (SeriesSamples) other;
        return labels.equals(that.labels) && samples.equals(that.samples);
    }

    @Override
    public int hashCode() {
        return Objects.hash(labels, samples);
    }

    @Override
    public String toString() {
        return labels + " " + samples;
    }
}
