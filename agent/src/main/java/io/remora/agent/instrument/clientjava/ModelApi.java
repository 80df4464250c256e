package io.remora.agent.instrument.clientjava;

import static io.remora.agent.instrument.Reflection.call;

import io.remora.exporter.series.LeFormat;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Prometheus client_java 1.x ({@code io.prometheus.metrics.model}): the collectors and
 * multi-collectors of {@code PrometheusRegistry.defaultRegistry}, each collected alone, and each
 * snapshot's data points written as {@code PrometheusTextFormatWriter} writes them (names from
 * {@code getPrometheusName()}, which turns dots into underscores as the text format does):
 * <ul>
 *   <li>counter {@code <name>_total}; gauge and unknown {@code <name>}; info {@code <name>_info} 1;
 *   <li>state set {@code <name>{<name>="<state>"}} 1 or 0, one per state;
 *   <li>histogram: {@code _bucket{le}} cumulative to {@code +Inf}, {@code _count}, {@code _sum}
 *       ({@code _gcount}, {@code _gsum} for a gauge histogram); a native-only histogram as the text
 *       format shows it, its one bucket {@code le="+Inf"} holding the count;
 *   <li>summary: {@code {quantile}} each, {@code _count}, {@code _sum}.
 * </ul>
 * Created timestamps and exemplars are left out, as the text format leaves them by default.
 */
final class ModelApi extends ClientJavaApi {

    static final String REGISTRY = "io.prometheus.metrics.model.registry.PrometheusRegistry";

    private final Field collectors;
    private final Field multiCollectors;
    private final Class<?> collector;
    private final Method collect;
    private final Method multiCollect;
    private final Class<?> counter;
    private final Class<?> gauge;
    private final Class<?> unknown;
    private final Class<?> info;
    private final Class<?> stateSet;
    private final Class<?> histogram;
    private final Class<?> summary;
    private final Method metadata;
    private final Method prometheusName;
    private final Method dataPoints;
    private final Method labels;
    private final Method labelCount;
    private final Method labelName;
    private final Method labelValue;
    private final Method counterValue;
    private final Method gaugeValue;
    private final Method unknownValue;
    private final Method stateCount;
    private final Method stateName;
    private final Method stateIsTrue;
    private final Method isGaugeHistogram;
    private final Method classicBuckets;
    private final Method bucketCount;
    private final Method upperBound;
    private final Method countInBucket;
    private final Method hasCount;
    private final Method count;
    private final Method hasSum;
    private final Method sum;
    private final Method quantiles;
    private final Method quantileCount;
    private final Method quantileAt;
    private final Method quantile;
    private final Method quantileValue;

    ModelApi(Class<?> registry) throws ReflectiveOperationException {
        super(registry);
        ClassLoader loader = registry.getClassLoader();
        String model = "io.prometheus.metrics.model.";
        String snapshots = model + "snapshots.";
        collectors = accessible(registry.getDeclaredField("collectors"));
        multiCollectors = accessible(registry.getDeclaredField("multiCollectors"));
        collector = Class.forName(model + "registry.Collector", false, loader);
        collect = collector.getMethod("collect");
        multiCollect = Class.forName(model + "registry.MultiCollector", false, loader).getMethod("collect");
        counter = Class.forName(snapshots + "CounterSnapshot", false, loader);
        gauge = Class.forName(snapshots + "GaugeSnapshot", false, loader);
        unknown = Class.forName(snapshots + "UnknownSnapshot", false, loader);
        info = Class.forName(snapshots + "InfoSnapshot", false, loader);
        stateSet = Class.forName(snapshots + "StateSetSnapshot", false, loader);
        histogram = Class.forName(snapshots + "HistogramSnapshot", false, loader);
        summary = Class.forName(snapshots + "SummarySnapshot", false, loader);
        Class<?> snapshot = Class.forName(snapshots + "MetricSnapshot", false, loader);
        Class<?> labelsClass = Class.forName(snapshots + "Labels", false, loader);
        Class<?> distribution = Class.forName(snapshots + "DistributionDataPointSnapshot", false, loader);
        Class<?> buckets = Class.forName(snapshots + "ClassicHistogramBuckets", false, loader);
        Class<?> quantilesClass = Class.forName(snapshots + "Quantiles", false, loader);
        metadata = snapshot.getMethod("getMetadata");
        prometheusName = Class.forName(snapshots + "MetricMetadata", false, loader).getMethod("getPrometheusName");
        dataPoints = snapshot.getMethod("getDataPoints");
        labels = Class.forName(snapshots + "DataPointSnapshot", false, loader).getMethod("getLabels");
        labelCount = labelsClass.getMethod("size");
        labelName = labelsClass.getMethod("getPrometheusName", int.class);
        labelValue = labelsClass.getMethod("getValue", int.class);
        counterValue = dataPoint(snapshots + "CounterSnapshot$CounterDataPointSnapshot", loader).getMethod("getValue");
        gaugeValue = dataPoint(snapshots + "GaugeSnapshot$GaugeDataPointSnapshot", loader).getMethod("getValue");
        unknownValue = dataPoint(snapshots + "UnknownSnapshot$UnknownDataPointSnapshot", loader).getMethod("getValue");
        Class<?> state = dataPoint(snapshots + "StateSetSnapshot$StateSetDataPointSnapshot", loader);
        stateCount = state.getMethod("size");
        stateName = state.getMethod("getName", int.class);
        stateIsTrue = state.getMethod("isTrue", int.class);
        isGaugeHistogram = histogram.getMethod("isGaugeHistogram");
        classicBuckets = dataPoint(snapshots + "HistogramSnapshot$HistogramDataPointSnapshot", loader)
                .getMethod("getClassicBuckets");
        bucketCount = buckets.getMethod("size");
        upperBound = buckets.getMethod("getUpperBound", int.class);
        countInBucket = buckets.getMethod("getCount", int.class);
        hasCount = distribution.getMethod("hasCount");
        count = distribution.getMethod("getCount");
        hasSum = distribution.getMethod("hasSum");
        sum = distribution.getMethod("getSum");
        quantiles = dataPoint(snapshots + "SummarySnapshot$SummaryDataPointSnapshot", loader).getMethod("getQuantiles");
        quantileCount = quantilesClass.getMethod("size");
        quantileAt = quantilesClass.getMethod("get", int.class);
        Class<?> quantileClass = Class.forName(snapshots + "Quantile", false, loader);
        quantile = quantileClass.getMethod("getQuantile");
        quantileValue = quantileClass.getMethod("getValue");
    }

    private static Class<?> dataPoint(String name, ClassLoader loader) throws ClassNotFoundException {
        return Class.forName(name, false, loader);
    }

    @Override
    String library() {
        return "client_java 1.x";
    }

    @Override
    List<Object> collectors(Object registry) {
        List<Object> all = new ArrayList<>((Collection<?>) get(collectors, registry));
        all.addAll((Collection<?>) get(multiCollectors, registry));
        return all;
    }

    @Override
    void collect(Object registered, Samples samples) {
        if (collector.isInstance(registered)) {
            Object snapshot = call(collect, registered);
            if (snapshot != null) {
                snapshot(snapshot, samples);
            }
        } else {
            for (Object snapshot : (Iterable<?>) call(multiCollect, registered)) {
                snapshot(snapshot, samples);
            }
        }
    }

    private void snapshot(Object snapshot, Samples samples) {
        String name = (String) call(prometheusName, call(metadata, snapshot));
        for (Object point : (List<?>) call(dataPoints, snapshot)) {
            String[] labelPairs = labels(point);
            if (counter.isInstance(snapshot)) {
                samples.sample(name + "_total", labelPairs, number(call(counterValue, point)));
            } else if (gauge.isInstance(snapshot)) {
                samples.sample(name, labelPairs, number(call(gaugeValue, point)));
            } else if (unknown.isInstance(snapshot)) {
                samples.sample(name, labelPairs, number(call(unknownValue, point)));
            } else if (info.isInstance(snapshot)) {
                samples.sample(name + "_info", labelPairs, 1);
            } else if (stateSet.isInstance(snapshot)) {
                int states = (Integer) call(stateCount, point);
                for (int i = 0; i < states; i++) {
                    boolean set = (Boolean) call(stateIsTrue, point, i);
                    samples.sample(name, with(labelPairs, name, (String) call(stateName, point, i)), set ? 1 : 0);
                }
            } else if (histogram.isInstance(snapshot)) {
                histogram(name, (Boolean) call(isGaugeHistogram, snapshot), point, labelPairs, samples);
            } else if (summary.isInstance(snapshot)) {
                Object values = call(quantiles, point);
                int size = (Integer) call(quantileCount, values);
                for (int i = 0; i < size; i++) {
                    Object q = call(quantileAt, values, i);
                    samples.sample(name, with(labelPairs, "quantile", LeFormat.CLIENT_JAVA.format(number(call(quantile, q)))),
                            number(call(quantileValue, q)));
                }
                countAndSum(name, "_count", "_sum", point, labelPairs, samples);
            }
        }
    }

    /** Classic buckets, cumulative; a native-only histogram's one {@code +Inf} bucket is its count, as the text format shows it. */
    private void histogram(String name, boolean gaugeHistogram, Object point, String[] labelPairs, Samples samples) {
        Object buckets = call(classicBuckets, point);
        int size = (Integer) call(bucketCount, buckets);
        if (size == 0) {
            samples.sample(name + "_bucket", with(labelPairs, "le", "+Inf"), number(call(count, point)));
        }
        long cumulative = 0;
        for (int i = 0; i < size; i++) {
            cumulative += (Long) call(countInBucket, buckets, i);
            String le = LeFormat.CLIENT_JAVA.format(number(call(upperBound, buckets, i)));
            samples.sample(name + "_bucket", with(labelPairs, "le", le), cumulative);
        }
        countAndSum(name, gaugeHistogram ? "_gcount" : "_count", gaugeHistogram ? "_gsum" : "_sum", point, labelPairs,
                samples);
    }

    private void countAndSum(String name, String countSuffix, String sumSuffix, Object point, String[] labelPairs,
            Samples samples) {
        if ((Boolean) call(hasCount, point)) {
            samples.sample(name + countSuffix, labelPairs, number(call(count, point)));
        }
        if ((Boolean) call(hasSum, point)) {
            samples.sample(name + sumSuffix, labelPairs, number(call(sum, point)));
        }
    }

    private String[] labels(Object point) {
        Object all = call(labels, point);
        int size = (Integer) call(labelCount, all);
        String[] pairs = new String[2 * size];
        for (int i = 0; i < size; i++) {
            pairs[2 * i] = (String) call(labelName, all, i);
            pairs[2 * i + 1] = (String) call(labelValue, all, i);
        }
        return pairs;
    }

    private static String[] with(String[] labelPairs, String name, String value) {
        String[] pairs = Arrays.copyOf(labelPairs, labelPairs.length + 2);
        pairs[labelPairs.length] = name;
        pairs[labelPairs.length + 1] = value;
        return pairs;
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }
}
