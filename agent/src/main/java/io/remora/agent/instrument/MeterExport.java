package io.remora.agent.instrument;

import io.remora.agent.jvm.MetricWriter;
import io.remora.bootstrap.meter.BucketBounds;
import io.remora.bootstrap.meter.Counter;
import io.remora.bootstrap.meter.CounterFamily;
import io.remora.bootstrap.meter.Histogram;
import io.remora.bootstrap.meter.HistogramFamily;
import io.remora.bootstrap.meter.HistogramSnapshot;
import io.remora.bootstrap.meter.MeterFamily;
import io.remora.bootstrap.meter.MeterRegistry;
import io.remora.bootstrap.meter.Timer;
import io.remora.bootstrap.meter.TimerFamily;
import io.remora.log.Log;
import io.remora.exporter.series.InvalidSeriesException;
import io.remora.exporter.series.Series;
import io.remora.log.Log;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Each interval, turns every meter of the registry into samples: a counter into one series, a
 * histogram into {@code _bucket{le}} (cumulative), {@code _sum} and {@code _count}, a timer into
 * {@code _count}, {@code _sum} and {@code _max} (Micrometer's timer without a histogram). A label set's
 * series are made the first time it is exported and kept; one the exporter refuses is skipped from
 * then on (the exporter counts and logs the refusal).
 */
final class MeterExport implements PeriodicCollector {

    private static final Series[] REFUSED = new Series[0];

    private final MeterRegistry registry;
    /** Meter to its series, filled on the agent thread only. */
    private final Map<Object, Series[]> seriesByMeter = new IdentityHashMap<>();
    private final Map<BucketBounds, HistogramSnapshot> snapshots = new IdentityHashMap<>();
    /** Families whose cardinality cap has been reported. */
    private final Set<String> overflowReported = new HashSet<>();

    MeterExport(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void collect(MetricWriter writer, long timestampMs) {
        for (MeterFamily<?> family : registry.families()) {
            reportOverflow(family);
            if (family instanceof HistogramFamily) {
                exportHistograms(writer, (HistogramFamily) family, timestampMs);
            } else if (family instanceof TimerFamily) {
                exportTimers(writer, (TimerFamily) family, timestampMs);
            } else if (family instanceof CounterFamily) {
                exportCounters(writer, (CounterFamily) family, timestampMs);
            }
        }
    }

    /** Once per family: label sets past the cap are still counted, but no longer apart. */
    private void reportOverflow(MeterFamily<?> family) {
        if (family.overflowedLookups() > 0 && overflowReported.add(family.name())) {
            Log.warn(family.name() + " has reached its " + family.maxLabelSets() + " label sets; what comes with"
                    + " new label values is counted under " + MeterFamily.OVERFLOW_VALUE + " values");
        }
    }

    private void exportCounters(MetricWriter writer, CounterFamily family, long timestampMs) {
        family.forEachLabelSet(new MeterFamily.Visitor<Counter>() {
            @Override
            public void labelSet(List<String> labelValues, Counter counter) {
                Series[] series = seriesByMeter.get(counter);
                if (series == null) {
                    series = register(writer, family, labelValues, null);
                    seriesByMeter.put(counter, series);
                }
                if (series != REFUSED) {
                    writer.record(series[0], timestampMs, counter.sum());
                }
            }
        });
    }

    private void exportTimers(MetricWriter writer, TimerFamily family, long timestampMs) {
        long nowNanos = System.nanoTime();
        family.forEachLabelSet(new MeterFamily.Visitor<Timer>() {
            @Override
            public void labelSet(List<String> labelValues, Timer timer) {
                Series[] series = seriesByMeter.get(timer);
                if (series == null) {
                    series = registerTimer(writer, family, labelValues);
                    seriesByMeter.put(timer, series);
                }
                if (series != REFUSED) {
                    writer.record(series[0], timestampMs, timer.count());
                    writer.record(series[1], timestampMs, timer.sumSeconds());
                    writer.record(series[2], timestampMs, timer.maxSeconds(nowNanos));
                }
            }
        });
    }

    private void exportHistograms(MetricWriter writer, HistogramFamily family, long timestampMs) {
        BucketBounds bounds = family.bounds();
        HistogramSnapshot snapshot = snapshots.computeIfAbsent(bounds, HistogramSnapshot::new);
        family.forEachLabelSet(new MeterFamily.Visitor<Histogram>() {
            @Override
            public void labelSet(List<String> labelValues, Histogram histogram) {
                Series[] series = seriesByMeter.get(histogram);
                if (series == null) {
                    series = register(writer, family, labelValues, bounds);
                    seriesByMeter.put(histogram, series);
                }
                if (series == REFUSED) {
                    return;
                }
                histogram.snapshot(snapshot);
                int buckets = bounds.count();
                for (int i = 0; i < buckets; i++) {
                    writer.record(series[i], timestampMs, snapshot.cumulativeCount(i));
                }
                writer.record(series[buckets], timestampMs, snapshot.sumSeconds());
                writer.record(series[buckets + 1], timestampMs, snapshot.count());
            }
        });
    }

    private static Series[] registerTimer(MetricWriter writer, MeterFamily<?> family, List<String> labelValues) {
        String[] pairs = labelPairs(family, labelValues, 0);
        try {
            return new Series[] {writer.series(family.name() + "_count", pairs),
                writer.series(family.name() + "_sum", pairs), writer.series(family.name() + "_max", pairs)};
        } catch (InvalidSeriesException e) {
            return REFUSED;
        }
    }

    /** Label names and values in pairs, with {@code extra} free places at the end. */
    private static String[] labelPairs(MeterFamily<?> family, List<String> labelValues, int extra) {
        List<String> labelNames = family.labelNames();
        String[] pairs = new String[2 * labelNames.size() + extra];
        for (int i = 0; i < labelNames.size(); i++) {
            pairs[2 * i] = labelNames.get(i);
            pairs[2 * i + 1] = labelValues.get(i);
        }
        return pairs;
    }

    /**
     * A counter's one series, or a histogram's buckets in order, then its sum and count.
     * @param bounds null for a counter
     */
    private static Series[] register(MetricWriter writer, MeterFamily<?> family, List<String> labelValues,
            BucketBounds bounds) {
        int labels = family.labelNames().size();
        String[] pairs = labelPairs(family, labelValues, bounds == null ? 0 : 2);
        try {
            if (bounds == null) {
                return new Series[] {writer.series(family.name(), pairs)};
            }
            String[] bucketPairs = pairs;
            String[] plainPairs = Arrays.copyOf(pairs, 2 * labels);
            Series[] series = new Series[bounds.count() + 2];
            bucketPairs[2 * labels] = "le";
            for (int i = 0; i < bounds.count(); i++) {
                bucketPairs[2 * labels + 1] = le(bounds.upperBoundSeconds(i));
                series[i] = writer.series(family.name() + "_bucket", bucketPairs.clone());
            }
            series[bounds.count()] = writer.series(family.name() + "_sum", plainPairs);
            series[bounds.count() + 1] = writer.series(family.name() + "_count", plainPairs);
            return series;
        } catch (InvalidSeriesException e) {
            return REFUSED;
        }
    }

    /**
     * As client_java writes it ({@code 0.005}, {@code 1.0}, {@code +Inf}), except that a bound Java
     * would write with an exponent is written out ({@code 0.0001}, not {@code 1.0E-4}), as the Go
     * and Python clients do, so that a selector like {@code le="0.0001"} matches.
     */
    static String le(double upperBound) {
        if (upperBound == Double.POSITIVE_INFINITY) {
            return "+Inf";
        }
        String text = Double.toString(upperBound);
        return text.indexOf('E') < 0 ? text : BigDecimal.valueOf(upperBound).stripTrailingZeros().toPlainString();
    }
}
