package io.remora.exporter.series;

import java.util.Objects;

/** One label of a series: a name and a non-empty value. */
public final class Label implements Comparable<Label> {

    private final String name;
    private final String value;

    public Label(String name, String value) {
        this.name = Objects.requireNonNull(name, "label name");
        this.value = Objects.requireNonNull(value, "label value");
    }

    public String name() {
        return name;
    }

    public String value() {
        return value;
    }

    @Override
    public int compareTo(Label other) {
        return name.compareTo(other.name);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Label)) {
            return false;
        }
        Label other = (Label) o;
        return name.equals(other.name) && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + value.hashCode();
    }

    @Override
    public String toString() {
        return name + "=\"" + value + '"';
    }
}
