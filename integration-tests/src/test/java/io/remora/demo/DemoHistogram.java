package io.remora.demo;

import io.remora.exporter.Exporter;
import io.remora.exporter.series.Series;
import java.util.Arrays;

/** A classic Prometheus histogram (_bucket{le}, _sum, _count) kept by hand for the demo. */
final class DemoHistogram {

    private final double[] bounds;
    private final long[] cumulative;
    private final Series[] buckets;
    private final Series sum;
    private final Series count;
    private double total;
    private long observations;

    DemoHistogram(Exporter exporter, String name, double[] bounds, String... labels) {
        this.bounds = bounds.clone();
        this.cumulative = new long[bounds.length + 1];
        this.buckets = new Series[bounds.length + 1];
        for (int i = 0; i <= bounds.length; i++) {
            String le = i < bounds.length ? Double.toString(bounds[i]) : "+Inf";
            buckets[i] = exporter.series(name + "_bucket", append(labels, "le", le));
        }
        this.sum = exporter.series(name + "_sum", labels);
        this.count = exporter.series(name + "_count", labels);
    }

    void observe(double value) {
        for (int i = 0; i < bounds.length; i++) {
            if (value <= bounds[i]) {
                cumulative[i]++;
            }
        }
        cumulative[bounds.length]++;
        total += value;
        observations++;
    }

    /** Records every series of the histogram; returns how many the exporter accepted. */
    int record(Exporter exporter, long timestampMs) {
        int accepted = 0;
        for (int i = 0; i < buckets.length; i++) {
            accepted += exporter.record(buckets[i], timestampMs, cumulative[i]) ? 1 : 0;
        }
        accepted += exporter.record(sum, timestampMs, total) ? 1 : 0;
        accepted += exporter.record(count, timestampMs, observations) ? 1 : 0;
        return accepted;
    }

    int seriesCount() {
        return buckets.length + 2;
    }

    private static String[] append(String[] labels, String name, String value) {
        String[] all = Arrays.copyOf(labels, labels.length + 2);
        all[labels.length] = name;
        all[labels.length + 1] = value;
        return all;
    }
}
