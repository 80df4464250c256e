package io.remora.exporter.series;

import java.util.List;

/**
 * A validated series: its metric name and its labels sorted by name, {@code __name__} among them.
 * The labels' protobuf bytes are encoded once here and copied into every request that carries
 * the series.
 */
public final class Series {

    public static final String NAME_LABEL = "__name__";

    private final int id;
    private final String name;
    private final List<Label> labels;
    private final byte[] encodedLabels;

    Series(int id, String name, List<Label> labels) {
        this.id = id;
        this.name = name;
        this.labels = List.copyOf(labels);
        this.encodedLabels = LabelEncoding.encode(this.labels);
    }

    /** Dense, starting at 0: usable as an array index. */
    public int id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** Sorted by name, including {@code __name__}. */
    public List<Label> labels() {
        return labels;
    }

    /**
     * The labels as they stand inside a remote-write TimeSeries message: each one as field 1, a
     * length-delimited Label. Callers must not modify the array.
     */
    public byte[] encodedLabels() {
        return encodedLabels;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(name).append('{');
        boolean first = true;
        for (Label label : labels) {
            if (label.name().equals(NAME_LABEL)) {
                continue;
            }
            if (!first) {
                text.append(',');
            }
            text.append(label);
            first = false;
        }
        return text.append('}').toString();
    }
}
