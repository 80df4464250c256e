package io.remora.exporter.series;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Validates each series once and gives it a dense id. Registering the same name and labels again
 * returns the same series. External labels (job, instance, user labels) are added to every series
 * that does not carry a label of that name itself, as Prometheus does with external labels.
 */
public final class SeriesRegistry {

    private final List<Label> externalLabels;
    private final Map<List<Label>, Series> byLabels = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private volatile Series[] byId = new Series[64];
    private int nextId;

    public SeriesRegistry() {
        this(Collections.emptyMap());
    }

    /** @throws InvalidSeriesException if an external label's name is not a valid label name */
    public SeriesRegistry(Map<String, String> externalLabels) {
        List<Label> labels = new ArrayList<>();
        for (Map.Entry<String, String> label : externalLabels.entrySet()) {
            SeriesValidation.checkLabelName(label.getKey());
            SeriesValidation.checkLabelValue(label.getKey(), label.getValue());
            if (!label.getValue().isEmpty()) {
                labels.add(new Label(label.getKey(), label.getValue()));
            }
        }
        this.externalLabels = List.copyOf(labels);
    }

    /**
     * Registers a series given as its name and alternating label names and values.
     *
     * @throws InvalidSeriesException with the reason, if a receiver would reject the series
     */
    public Series register(String name, String... labelNamesAndValues) {
        if (labelNamesAndValues.length % 2 != 0) {
            throw refuse(name + ": label names and values must come in pairs, got "
                    + Arrays.toString(labelNamesAndValues));
        }
        List<Label> labels = new ArrayList<>(labelNamesAndValues.length / 2);
        for (int i = 0; i < labelNamesAndValues.length; i += 2) {
            labels.add(new Label(labelNamesAndValues[i], labelNamesAndValues[i + 1]));
        }
        return register(name, labels);
    }

    /**
     * Registers a series. Labels with empty values are dropped, as Prometheus treats them as
     * absent.
     *
     * @throws InvalidSeriesException with the reason, if a receiver would reject the series
     */
    public Series register(String name, List<Label> labels) {
        List<Label> canonical;
        try {
            canonical = SeriesValidation.canonicalLabels(name, labels, externalLabels);
        } catch (InvalidSeriesException e) {
            refused.incrementAndGet();
            throw e;
        }
        Series known = byLabels.get(canonical);
        return known != null ? known : add(name, canonical);
    }

    private synchronized Series add(String name, List<Label> canonical) {
        Series known = byLabels.get(canonical);
        if (known != null) {
            return known;
        }
        Series series = new Series(nextId, name, canonical);
        Series[] table = byId;
        if (nextId == table.length) {
            table = Arrays.copyOf(table, table.length * 2);
        }
        table[nextId++] = series;
        byId = table;
        byLabels.put(canonical, series);
        return series;
    }

    /** The series with this id, or null if none was registered with it. */
    public Series byId(int id) {
        Series[] table = byId;
        return id >= 0 && id < table.length ? table[id] : null;
    }

    public int size() {
        return byLabels.size();
    }

    /** How many registrations were refused as invalid. */
    public long refusedCount() {
        return refused.get();
    }

    private InvalidSeriesException refuse(String reason) {
        refused.incrementAndGet();
        return new InvalidSeriesException(reason);
    }
}
