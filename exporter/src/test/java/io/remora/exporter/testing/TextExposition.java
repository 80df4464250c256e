package io.remora.exporter.testing;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Prometheus text-format page (an application's {@code /metrics}, Micrometer's scrape) into
 * series text to value, in the form tests compare with what arrived through remote write: labels
 * sorted, empty values dropped, as the exporter and Prometheus store them.
 */
public final class TextExposition {

    private static final Pattern LINE = Pattern.compile("([^{ ]+)(?:\\{(.*)\\})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([^=,]+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private TextExposition() {
    }

    /** Every sample of the page, by {@link #key}; comments and blank lines skipped. */
    public static Map<String, Double> parse(String text) {
        Map<String, Double> samples = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new AssertionError("cannot parse " + line);
            }
            Map<String, String> labels = new TreeMap<>();
            if (m.group(2) != null) {
                Matcher label = LABEL.matcher(m.group(2));
                while (label.find()) {
                    if (!label.group(2).isEmpty()) {
                        labels.put(label.group(1), label.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
                    }
                }
            }
            samples.put(key(m.group(1), labels), value(m.group(3)));
        }
        return samples;
    }

    /** {@code name{a="1",b="2"}}: the labels in the map's order (sorted, for a {@code TreeMap}). */
    public static String key(String name, Map<String, String> sortedLabels) {
        StringBuilder key = new StringBuilder(name).append('{');
        boolean first = true;
        for (Map.Entry<String, String> label : sortedLabels.entrySet()) {
            key.append(first ? "" : ",").append(label.getKey()).append("=\"").append(label.getValue()).append('"');
            first = false;
        }
        return key.append('}').toString();
    }

    private static double value(String text) {
        switch (text) {
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            case "NaN":
                return Double.NaN;
            default:
                return Double.parseDouble(text);
        }
    }
}
