package io.remora.agent.collect;

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
import io.remora.exporter.series.HistogramSeries;
import io.remora.exporter.series.InvalidSeriesException;
import io.remora.exporter.series.Series;
import io.remora.log.Log;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Each interval, turns every meter of a registry into samples: a counter into one series, a
 * histogram into {@code _bucket{le}} (cumulative), {@code _sum} and {@code _count}, a timer into
 * {@code _count}, {@code _sum} and {@code _max} (Micrometer's timer without a histogram). A label set's
 * series are made the first time it is exported and kept; one the exporter refuses is skipped from
 * then on (the exporter counts and logs the refusal). The instrumentations' registry is one; a JVM
 * collector with meters of its own (GC pauses) keeps a registry of its own.
 */
public final class MeterExport implements PeriodicCollector {

    /** The mark of a label set whose series the exporter refused. */
    private static final Object REFUSED = new Object();

    private final MeterRegistry registry;
    /** Meter to its series ({@link Series} or {@link HistogramSeries}), filled on the agent thread only. */
    private final Map<Object, Object> seriesByMeter = new IdentityHashMap<>();
    private final Map<BucketBounds, HistogramSnapshot> snapshots = new IdentityHashMap<>();
    /** Families whose cardinality cap has been reported. */
    private final Set<String> overflowReported = new HashSet<>();

    public MeterExport(MeterRegistry registry) {
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
                Object series = seriesOf(writer, family, labelValues, counter);
                if (series != REFUSED) {
                    writer.record((Series) series, timestampMs, counter.sum());
                }
            }
        });
    }

    private void exportHistograms(MetricWriter writer, HistogramFamily family, long timestampMs) {
        HistogramSnapshot snapshot = snapshots.computeIfAbsent(family.bounds(), HistogramSnapshot::new);
        family.forEachLabelSet(new MeterFamily.Visitor<Histogram>() {
            @Override
            public void labelSet(List<String> labelValues, Histogram histogram) {
                Object series = seriesOf(writer, family, labelValues, histogram);
                if (series != REFUSED) {
                    histogram.snapshot(snapshot);
                    ((HistogramSeries) series).record(writer, snapshot, timestampMs);
                }
            }
        });
    }

    private void exportTimers(MetricWriter writer, TimerFamily family, long timestampMs) {
        long nowNanos = System.nanoTime();
        family.forEachLabelSet(new MeterFamily.Visitor<Timer>() {
            @Override
            public void labelSet(List<String> labelValues, Timer timer) {
                Object series = seriesOf(writer, family, labelValues, timer);
                if (series != REFUSED) {
                    Series[] countSumMax = (Series[]) series;
                    writer.record(countSumMax[0], timestampMs, timer.count());
                    writer.record(countSumMax[1], timestampMs, timer.sumSeconds());
                    writer.record(countSumMax[2], timestampMs, timer.maxSeconds(nowNanos));
                }
            }
        });
    }

    /** The meter's series, registered the first time it is exported. */
    private Object seriesOf(MetricWriter writer, MeterFamily<?> family, List<String> labelValues, Object meter) {
        Object series = seriesByMeter.get(meter);
        if (series == null) {
            series = register(writer, family, labelValues);
            seriesByMeter.put(meter, series);
        }
        return series;
    }

    /**
     * A counter's {@link Series}, a histogram's {@link HistogramSeries} or a timer's count, sum and max
     * {@code Series[]}; {@link #REFUSED} if refused.
     */
    private static Object register(MetricWriter writer, MeterFamily<?> family, List<String> labelValues) {
        List<String> labelNames = family.labelNames();
        String[] pairs = new String[2 * labelNames.size()];
        for (int i = 0; i < labelNames.size(); i++) {
            pairs[2 * i] = labelNames.get(i);
            pairs[2 * i + 1] = labelValues.get(i);
        }
        try {
            if (family instanceof HistogramFamily) {
                return HistogramSeries.register(writer, family.name(), ((HistogramFamily) family).bounds(), pairs);
            }
            if (family instanceof TimerFamily) {
                return new Series[] {writer.series(family.name() + "_count", pairs),
                    writer.series(family.name() + "_sum", pairs), writer.series(family.name() + "_max", pairs)};
            }
            return writer.series(family.name(), pairs);
        } catch (InvalidSeriesException e) {
            return REFUSED;
        }
    }
}
