package io.remora.agent.instrument.micrometer;

import io.remora.agent.collect.MetricWriter;
import io.remora.agent.collect.PeriodicCollector;
import io.remora.agent.instrument.ApplicationSamples;
import io.remora.log.Log;
import io.remora.exporter.series.InvalidSeriesException;
import io.remora.exporter.series.LeFormat;
import io.remora.exporter.series.Series;
import io.remora.log.Log;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Each interval, on the agent's thread, every meter of the application's Micrometer registries
 * ({@link io.remora.bootstrap.AppRegistries}, Micrometer's among them), under the names and labels that
 * {@code micrometer-registry-prometheus} gives it ({@link PrometheusNames}):
 * <ul>
 *   <li>counter, function counter: {@code <name>_total};
 *   <li>gauge: {@code <name>}; a time gauge in seconds; a gauge named {@code *.info}: {@code <name>_info} 1;
 *   <li>timer ({@code _seconds}), distribution summary (its base unit) and long task timer
 *       ({@code _seconds}): {@code _count} and {@code _sum}, {@code {quantile}} for each published
 *       percentile, and {@code _max}; with a histogram, {@code _bucket{le}} (cumulative, to
 *       {@code +Inf}) instead of the quantiles; a long task timer's histogram is a gauge histogram,
 *       whose count and sum the page names {@code _gcount} and {@code _gsum};
 *   <li>function timer: {@code _count} and {@code _sum};
 *   <li>any other meter: each measurement, labelled {@code statistic}, as {@code <name>_total}
 *       (count), {@code <name>_sum_total} (total), {@code <name>_max}, {@code <name>_value},
 *       {@code <name>_active_count}, {@code <name>_duration_sum}.
 * </ul>
 * Timers are read in seconds whatever the registry's base time unit.
 *
 * <p><b>Which registries.</b> A {@code CompositeMeterRegistry} (the global {@code Metrics.globalRegistry},
 * or Spring Boot's when it has several registries) holds no values of its own: each of its meters
 * forwards to a meter of the same id in each child registry, and reads its first child's. So its
 * meters are never read; its children's are, since every registry is captured when it is built,
 * children included. A composite without children is not read either: Micrometer makes its meters
 * no-ops (a counter reads 0, a gauge NaN), values the application never had. Several plain
 * registries that hold the same meter (Spring Boot's composite over a Prometheus and another
 * registry) would give the same series: each series is written once a round, from the first
 * registry that has it, Prometheus registries first (what the application's own scrape page shows).
 *
 * <p><b>What cannot be read as Prometheus reads it.</b> The meters of a step registry (and of a
 * {@code SimpleMeterRegistry} in step mode) count one step, not since the start: they are left out
 * rather than sent as counters that fall (the same meters in a cumulative registry are sent). A
 * histogram of any registry but Prometheus's decays with a time window, so its buckets are no
 * counters: such a timer or summary is sent with its count, sum and max, no buckets.
 *
 * <p><b>Collisions with Remora's own series.</b> A meter keeps the application's name and labels,
 * never renamed. Where only the name is shared with one of Remora's own series (Micrometer's
 * {@code jvm_memory_used_bytes{area,id}} beside Remora's {@code jvm_memory_used_bytes{area}}), both
 * series exist, told apart by their labels. Where name and labels are all the same (Spring Boot's
 * {@code process_start_time_seconds}, which is Remora's too; the pools and log counters Remora
 * measures under Micrometer's names), it is one series, and the application's: in the round this
 * collector first finds it, Remora's value alone is sent (its collectors run before this one, and
 * two values at one timestamp would make the receiver refuse the request), and from the next round
 * on the meter's, Remora's own writes dropped, so that what arrives is what the application's own
 * page shows; said once, at debug level.
 *
 * <p><b>Failures.</b> A meter that throws when read (a gauge's function, a broken custom meter) is
 * left out from then on, said once; the others are read on. A copy of Micrometer too old or too
 * different to read is said once and skipped.
 */
final class MicrometerCollector implements PeriodicCollector {

    private static final Object REFUSED = new Object();

    private final Supplier<Iterator<WeakReference<Object>>> registries;
    /** Meter to its series, kept from one round to the next for the meters still there. */
    private Map<Object, MeterSeries> seriesByMeter = new IdentityHashMap<>();
    /** Meters that threw, left out while they are there. */
    private Map<Object, Boolean> failedMeters = new IdentityHashMap<>();
    /** What was already said once: registry classes that could not be read, collided series names. */
    private final Set<String> reported = new HashSet<>();

    /** @param registries the registries built so far, weakly held; the collector removes those collected */
    MicrometerCollector(Supplier<Iterator<WeakReference<Object>>> registries) {
        this.registries = registries;
    }

    @Override
    public void collect(MetricWriter writer, long timestampMs) {
        List<Object> prometheus = new ArrayList<>();
        List<Object> others = new ArrayList<>();
        for (Iterator<WeakReference<Object>> it = registries.get(); it.hasNext(); ) {
            Object registry = it.next().get();
            if (registry == null) {
                it.remove();
            } else if (MicrometerApi.superclassNamed(registry.getClass(), MicrometerApi.COMPOSITE_REGISTRY) == null) {
                (isPrometheus(registry.getClass()) ? prometheus : others).add(registry);
            }
        }
        Round round = new Round(writer, timestampMs);
        for (Object registry : prometheus) {
            round.registry(registry, true);
        }
        for (Object registry : others) {
            round.registry(registry, false);
        }
        seriesByMeter = round.nextSeries;
        failedMeters = round.nextFailed;
    }

    static boolean isPrometheus(Class<?> registryClass) {
        for (String name : MicrometerApi.PROMETHEUS_REGISTRIES) {
            if (MicrometerApi.superclassNamed(registryClass, name) != null) {
                return true;
            }
        }
        return false;
    }

    private static boolean isStepMeter(Class<?> meterClass) {
        for (Class<?> c = meterClass; c != null; c = c.getSuperclass()) {
            if (c.getName().startsWith(MicrometerApi.STEP_PACKAGE)) {
                return true;
            }
        }
        return false;
    }

    private void warnOnce(String key, String message) {
        if (reported.add(key)) {
            Log.warn(message);
        }
    }

    /** One collection round: what it writes, and the meters it saw, for the next round. */
    private final class Round {
        private final MetricWriter writer;
        private final Map<Object, MeterSeries> nextSeries = new IdentityHashMap<>();
        private final Map<Object, Boolean> nextFailed = new IdentityHashMap<>();
        private final ApplicationSamples samples;

        Round(MetricWriter writer, long timestampMs) {
            this.writer = writer;
            this.samples = new ApplicationSamples(writer, timestampMs, "Micrometer's", reported);
        }

        void registry(Object registry, boolean prometheus) {
            MicrometerApi api;
            Iterable<?> meters;
            try {
                api = MicrometerApi.of(registry);
                if (api == null || api.isClosed(registry)) {
                    return;
                }
                meters = api.meters(registry);
            } catch (RuntimeException | LinkageError e) {
                warnOnce("registry " + registry.getClass().getName(), "Micrometer registry "
                        + registry.getClass().getName() + " cannot be read (" + e + "); its meters are left out");
                return;
            }
            for (Object meter : meters) {
                if (failedMeters.containsKey(meter)) {
                    nextFailed.put(meter, Boolean.TRUE);
                } else if (!isStepMeter(meter.getClass())) {
                    meter(api, meter, prometheus);
                }
            }
        }

        /** One meter, alone: what it throws leaves it out from now on, and the other meters are read on. */
        private void meter(MicrometerApi api, Object meter, boolean prometheus) {
            String name = "?";
            try {
                Object id = api.id(meter);
                name = api.name(id);
                MeterSeries series = seriesByMeter.get(meter);
                if (series == null) {
                    series = new MeterSeries(api, id, api.timeGauge.isInstance(meter));
                }
                nextSeries.put(meter, series);
                write(api, meter, id, series, prometheus);
            } catch (RuntimeException | LinkageError e) {
                nextSeries.remove(meter);
                nextFailed.put(meter, Boolean.TRUE);
                Log.warn("Micrometer meter " + name + " could not be read (" + e + "); it is left out");
            }
        }

        private void write(MicrometerApi api, Object meter, Object id, MeterSeries series, boolean prometheus) {
            if (api.counter.isInstance(meter) || api.functionCounter.isInstance(meter)) {
                sample(series, PrometheusNames.COUNTER_SUFFIX, null, null, api.count(meter));
            } else if (api.timeGauge.isInstance(meter)) {
                sample(series, "", null, null, api.timeGaugeSeconds(meter));
            } else if (api.gauge.isInstance(meter)) {
                if (series.info) {
                    sample(series, "_info", null, null, 1); // the page shows an info metric's labels, with 1
                } else {
                    sample(series, "", null, null, api.gaugeValue(meter));
                }
            } else if (api.timer.isInstance(meter)) {
                distribution(api, meter, series, true, false, prometheus);
            } else if (api.distributionSummary.isInstance(meter)) {
                distribution(api, meter, series, false, false, prometheus);
            } else if (api.longTaskTimer.isInstance(meter)) {
                distribution(api, meter, series, true, true, true);
            } else if (api.functionTimer.isInstance(meter)) {
                sample(series, "_count", null, null, (long) api.functionTimerCount(meter));
                sample(series, "_sum", null, null, api.functionTimerSeconds(meter));
            } else {
                custom(api, meter, series);
            }
        }

        /**
         * As the Prometheus registry writes a timer, summary or long task timer.
         *
         * @param seconds a timer's or long task timer's, read in seconds
         * @param gaugeHistogram a long task timer's: its histogram holds the tasks running now
         * @param bucketsAreCounters whether its histogram's buckets never decay (Prometheus registries'), so
         *     that they may be sent
         */
        private void distribution(MicrometerApi api, Object meter, MeterSeries series, boolean seconds,
                boolean gaugeHistogram, boolean bucketsAreCounters) {
            Object snapshot = api.snapshot(meter);
            long count = api.snapshotCount(snapshot);
            double sum = api.snapshotTotal(snapshot, seconds);
            double max = api.snapshotMax(snapshot, seconds);
            Object[] buckets = api.histogramCounts(snapshot);
            if (buckets.length == 0) {
                for (Object percentile : api.percentileValues(snapshot)) {
                    sample(series, "", "quantile", LeFormat.CLIENT_JAVA.format(api.percentile(percentile)),
                            api.percentileValue(percentile, seconds));
                }
            } else if (bucketsAreCounters) {
                long cumulative = 0;
                double bound = 0;
                for (Object bucket : buckets) {
                    bound = api.bucket(bucket, seconds);
                    cumulative = (long) api.bucketCount(bucket);
                    sample(series, "_bucket", "le", LeFormat.CLIENT_JAVA.format(bound), cumulative);
                }
                if (bound != Double.POSITIVE_INFINITY) {
                    sample(series, "_bucket", "le", "+Inf", Math.max(count, cumulative));
                }
            }
            sample(series, gaugeHistogram && buckets.length > 0 ? "_gcount" : "_count", null, null, count);
            sample(series, gaugeHistogram && buckets.length > 0 ? "_gsum" : "_sum", null, null, sum);
            sample(series, "_max", null, null, max);
        }

        /** A meter of none of Micrometer's kinds: each measurement, labelled with its statistic. */
        private void custom(MicrometerApi api, Object meter, MeterSeries series) {
            for (Object measurement : api.measure(meter)) {
                Enum<?> statistic = api.statistic(measurement);
                String suffix;
                switch (statistic.name()) {
                    case "TOTAL":
                    case "TOTAL_TIME":
                        suffix = "_sum" + PrometheusNames.COUNTER_SUFFIX;
                        break;
                    case "COUNT":
                        suffix = PrometheusNames.COUNTER_SUFFIX;
                        break;
                    case "MAX":
                        suffix = "_max";
                        break;
                    case "ACTIVE_TASKS":
                        suffix = "_active_count";
                        break;
                    case "DURATION":
                        suffix = "_duration_sum";
                        break;
                    default: // VALUE, UNKNOWN
                        suffix = "_value";
                        break;
                }
                sample(series, suffix, "statistic", statistic.toString(), api.measurementValue(measurement));
            }
        }

        private void sample(MeterSeries meter, String suffix, String labelName, String labelValue, double value) {
            samples.write(meter.series(writer, suffix, labelName, labelValue), value);
        }
    }

    /** One meter's family name and labels, and its series by suffix and extra label, made once. */
    private static final class MeterSeries {
        private final String family;
        private final String[] labels;
        private final boolean info;
        private final Map<String, Object> bySample = new HashMap<>();

        MeterSeries(MicrometerApi api, Object id, boolean timeGauge) {
            String name = api.name(id);
            String type = api.type(id);
            this.info = PrometheusNames.GAUGE.equals(type) && name.endsWith(".info");
            this.family = PrometheusNames.name(name, type, timeGauge ? "seconds" : api.baseUnit(id));
            List<String> pairs = new ArrayList<>();
            for (Object tag : api.tags(id)) {
                pairs.add(PrometheusNames.labelName(api.tagKey(tag)));
                pairs.add(api.tagValue(tag));
            }
            this.labels = pairs.toArray(new String[0]);
        }

        /** @return the series, or null when the exporter refuses it (its name or a label) */
        Series series(MetricWriter writer, String suffix, String labelName, String labelValue) {
            String key = labelName == null ? suffix : suffix + '\u0000' + labelValue;
            Object known = bySample.get(key);
            if (known == null) {
                String[] pairs = labels;
                if (labelName != null) {
                    pairs = java.util.Arrays.copyOf(labels, labels.length + 2);
                    pairs[labels.length] = labelName;
                    pairs[labels.length + 1] = labelValue;
                }
                try {
                    known = writer.series(family + suffix, pairs);
                } catch (InvalidSeriesException e) {
                    known = REFUSED;
                }
                bySample.put(key, known);
            }
            return known == REFUSED ? null : (Series) known;
        }
    }
}
