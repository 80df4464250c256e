package io.remora.exporter.series;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The rules a remote-write receiver applies to names and labels, checked once per series. */
final class SeriesValidation {

    private SeriesValidation() {
    }

    /** Sorted labels with {@code __name__} added, empty values dropped, external labels merged. */
    static List<Label> canonicalLabels(String name, List<Label> labels, List<Label> externalLabels) {
        checkMetricName(name);
        List<Label> result = new ArrayList<>(labels.size() + externalLabels.size() + 1);
        result.add(new Label(Series.NAME_LABEL, name));
        for (Label label : labels) {
            checkLabelName(label.name());
            if (label.name().startsWith("__")) {
                throw new InvalidSeriesException(name + ": label name " + label.name()
                        + " is reserved: names starting with __ are for Prometheus itself");
            }
            checkLabelValue(label.name(), label.value());
            if (!label.value().isEmpty()) {
                result.add(label);
            }
        }
        Collections.sort(result);
        for (int i = 1; i < result.size(); i++) {
            if (result.get(i).name().equals(result.get(i - 1).name())) {
                throw new InvalidSeriesException(name + ": label " + result.get(i).name()
                        + " appears more than once");
            }
        }
        int own = result.size();
        for (Label external : externalLabels) {
            // Label order is by name only, so this finds a label of the same name whatever its value
            if (Collections.binarySearch(result.subList(0, own), external) < 0) {
                result.add(external);
            }
        }
        Collections.sort(result);
        return result;
    }

    static void checkMetricName(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidSeriesException("metric name is empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c == '_' || c == ':' || isLetter(c) || (i > 0 && isDigit(c));
            if (!ok) {
                throw new InvalidSeriesException("metric name " + name + " is invalid at position " + i
                        + ": it must match [a-zA-Z_:][a-zA-Z0-9_:]*");
            }
        }
    }

    static void checkLabelName(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidSeriesException("label name is empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c == '_' || isLetter(c) || (i > 0 && isDigit(c));
            if (!ok) {
                throw new InvalidSeriesException("label name " + name + " is invalid at position " + i
                        + ": it must match [a-zA-Z_][a-zA-Z0-9_]*");
            }
        }
    }

    /** Values may hold any text, but not half a surrogate pair: that is not valid UTF-8. */
    static void checkLabelValue(String labelName, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidSeriesException("label " + labelName + " has a value that is not valid"
                        + " UTF-8: unpaired surrogate at position " + i);
            }
        }
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
