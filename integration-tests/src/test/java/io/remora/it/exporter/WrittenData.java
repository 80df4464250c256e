package io.remora.it.exporter;

import io.remora.exporter.Exporter;
import io.remora.exporter.series.Series;
import io.remora.it.receivers.Sample;
import io.remora.it.receivers.SeriesSamples;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Series with several samples each, at distinct timestamps, covering the values a receiver must
 * keep exactly: counters, zero, negatives, large integers, infinities and NaN. Written through the
 * exporter, then compared with what a receiver returns, every label included.
 */
final class WrittenData {

    static final String JOB = "remora-it";
    static final String INSTANCE = "it-host:4242";
    /** Selects exactly the series written here, not the exporter's own remora_* self-metrics. */
    static final String SELECTOR = "{job=\"" + JOB + "\",__name__=~\"it_.*\"}";

    private static final int SAMPLES_PER_SERIES = 5;

    private final List<SeriesSamples> series = new ArrayList<>();

    private WrittenData() {
    }

    static Map<String, String> externalLabels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("job", JOB);
        labels.put("instance", INSTANCE);
        return labels;
    }

    /** Timestamps {@code now - 60 s + i * 1 s}: recent enough for Prometheus's head block. */
    static WrittenData startingAt(long startMs) {
        WrittenData data = new WrittenData();
        data.add(startMs, "it_requests_total", new String[] {"route", "/orders", "status", "200"}, 0, 1, 2, 3, 5);
        data.add(startMs, "it_requests_total", new String[] {"route", "/orders", "status", "500"}, 10, 20, 30, 40, 50);
        data.add(startMs, "it_temperature_celsius", new String[] {"sensor", "freezer"}, -1.5, -20.25, -0.001, -3, -123456.789);
        data.add(startMs, "it_value", new String[] {"kind", "zero"}, 0, 0, 0, 0, 0);
        data.add(startMs, "it_value", new String[] {"kind", "fraction"}, 0.1, 0.25, 12.5, 1234.5678, 1e-9);
        // up to 2^53: every integer is a double, and VictoriaMetrics' decimal storage keeps them exact
        data.add(startMs, "it_value", new String[] {"kind", "large"},
                9007199254740992.0, 9007199254740991.0, 1e15 + 1, 123456789012345.0, 4503599627370496.0);
        data.add(startMs, "it_value", new String[] {"kind", "infinite"},
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1, -2.5, Double.POSITIVE_INFINITY);
        data.add(startMs, "it_value", new String[] {"kind", "nan"}, Double.NaN, 1, Double.NaN, 2, Double.NaN);
        return data;
    }

    private void add(long startMs, String name, String[] labelPairs, double... values) {
        if (values.length != SAMPLES_PER_SERIES) {
            throw new IllegalArgumentException(name + " needs " + SAMPLES_PER_SERIES + " values");
        }
        Map<String, String> labels = new TreeMap<>(externalLabels());
        labels.put("__name__", name);
        for (int i = 0; i < labelPairs.length; i += 2) {
            labels.put(labelPairs[i], labelPairs[i + 1]);
        }
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            samples.add(new Sample(startMs + i * 1000L, values[i]));
        }
        series.add(new SeriesSamples(labels, samples));
    }

    /** Records sample i of every series before sample i + 1 of any, as a periodic collector would. */
    void recordThrough(Exporter exporter) {
        List<Series> handles = new ArrayList<>();
        for (SeriesSamples one : series) {
            handles.add(exporter.series(one.name(), userLabelPairs(one)));
        }
        for (int i = 0; i < SAMPLES_PER_SERIES; i++) {
            for (int s = 0; s < series.size(); s++) {
                Sample sample = series.get(s).samples().get(i);
                if (!exporter.record(handles.get(s), sample.timestampMs(), sample.value())) {
                    throw new AssertionError("exporter dropped " + series.get(s).labels() + " " + sample);
                }
            }
        }
    }

    /** What Prometheus keeps: everything, bit for bit. */
    List<SeriesSamples> exactly() {
        return sorted(series);
    }

    /** What VictoriaMetrics keeps: everything but NaN samples, which it drops on ingestion. */
    List<SeriesSamples> withoutNaN() {
        List<SeriesSamples> result = new ArrayList<>();
        for (SeriesSamples one : series) {
            List<Sample> kept = one.samples().stream()
                    .filter(sample -> !Double.isNaN(sample.value()))
                    .collect(Collectors.toList());
            result.add(new SeriesSamples(one.labels(), kept));
        }
        return sorted(result);
    }

    static List<SeriesSamples> sorted(List<SeriesSamples> series) {
        List<SeriesSamples> copy = new ArrayList<>(series);
        copy.sort((a, b) -> a.labels().toString().compareTo(b.labels().toString()));
        return copy;
    }

    private static String[] userLabelPairs(SeriesSamples one) {
        List<String> pairs = new ArrayList<>();
        one.labels().forEach((name, value) -> {
            if (!name.equals("__name__") && !externalLabels().containsKey(name)) {
                pairs.add(name);
                pairs.add(value);
            }
        });
        return pairs.toArray(new String[0]);
    }
}
