package io.remora.agent.instrument.micrometer;

import static io.remora.agent.instrument.Reflection.call;

import java.lang.reflect.Method;
import java.util.concurrent.TimeUnit;

/**
 * One copy of Micrometer's API, as the class loader that defined a registry's
 * {@code io.micrometer.core.instrument.MeterRegistry} sees it: its interfaces and the methods the
 * collector reads, looked up once per copy ({@link #of}). The agent cannot link against Micrometer
 * (the agent's loader does not see the application's classes, and the agent jar carries none of
 * them), so every call is reflective, on public interface methods, which works whatever class
 * implements a meter. Only methods that Micrometer 1.x has long had are used (tested with 1.9,
 * Spring Boot 2.7's, 1.15 and 1.16); {@code isClosed} may be missing.
 */
final class MicrometerApi {

    static final String METER_REGISTRY = "io.micrometer.core.instrument.MeterRegistry";
    static final String COMPOSITE_REGISTRY = "io.micrometer.core.instrument.composite.CompositeMeterRegistry";
    /** micrometer-registry-prometheus 1.13+ and the earlier (simpleclient) one. */
    static final String[] PROMETHEUS_REGISTRIES = {
        "io.micrometer.prometheusmetrics.PrometheusMeterRegistry", "io.micrometer.prometheus.PrometheusMeterRegistry"
    };
    /** Meters of step registries (and of a SimpleMeterRegistry in step mode) hold one step's counts. */
    static final String STEP_PACKAGE = "io.micrometer.core.instrument.step.";

    private static final ClassValue<MicrometerApi> BY_REGISTRY_CLASS = new ClassValue<MicrometerApi>() {
        @Override
        protected MicrometerApi computeValue(Class<?> meterRegistryClass) {
            try {
                return new MicrometerApi(meterRegistryClass);
            } catch (ReflectiveOperationException | LinkageError e) {
                throw new IllegalStateException("unsupported Micrometer version (" + e + ")", e);
            }
        }
    };

    final Class<?> counter;
    final Class<?> functionCounter;
    final Class<?> gauge;
    final Class<?> timeGauge;
    final Class<?> timer;
    final Class<?> functionTimer;
    final Class<?> distributionSummary;
    final Class<?> longTaskTimer;

    private final Method getMeters;
    private final Method isClosed;
    private final Method getId;
    private final Method idName;
    private final Method idTags;
    private final Method idType;
    private final Method idBaseUnit;
    private final Method tagKey;
    private final Method tagValue;
    private final Method counterCount;
    private final Method functionCounterCount;
    private final Method gaugeValue;
    private final Method timeGaugeValue;
    private final Method functionTimerCount;
    private final Method functionTimerTotalTime;
    private final Method takeSnapshot;
    private final Method snapshotCount;
    private final Method snapshotTotal;
    private final Method snapshotTotalIn;
    private final Method snapshotMax;
    private final Method snapshotMaxIn;
    private final Method histogramCounts;
    private final Method percentileValues;
    private final Method bucket;
    private final Method bucketIn;
    private final Method bucketCount;
    private final Method percentile;
    private final Method percentileValue;
    private final Method percentileValueIn;
    private final Method measure;
    private final Method measurementStatistic;
    private final Method measurementValue;

    private MicrometerApi(Class<?> meterRegistry) throws ReflectiveOperationException {
        ClassLoader loader = meterRegistry.getClassLoader();
        String api = "io.micrometer.core.instrument.";
        Class<?> meter = Class.forName(api + "Meter", false, loader);
        Class<?> id = Class.forName(api + "Meter$Id", false, loader);
        Class<?> tag = Class.forName(api + "Tag", false, loader);
        Class<?> measurement = Class.forName(api + "Measurement", false, loader);
        Class<?> histogramSupport = Class.forName(api + "distribution.HistogramSupport", false, loader);
        Class<?> snapshot = Class.forName(api + "distribution.HistogramSnapshot", false, loader);
        Class<?> countAtBucket = Class.forName(api + "distribution.CountAtBucket", false, loader);
        Class<?> valueAtPercentile = Class.forName(api + "distribution.ValueAtPercentile", false, loader);
        counter = Class.forName(api + "Counter", false, loader);
        functionCounter = Class.forName(api + "FunctionCounter", false, loader);
        gauge = Class.forName(api + "Gauge", false, loader);
        timeGauge = Class.forName(api + "TimeGauge", false, loader);
        timer = Class.forName(api + "Timer", false, loader);
        functionTimer = Class.forName(api + "FunctionTimer", false, loader);
        distributionSummary = Class.forName(api + "DistributionSummary", false, loader);
        longTaskTimer = Class.forName(api + "LongTaskTimer", false, loader);

        getMeters = meterRegistry.getMethod("getMeters");
        isClosed = optionalMethod(meterRegistry, "isClosed");
        getId = meter.getMethod("getId");
        idName = id.getMethod("getName");
        idTags = id.getMethod("getTags");
        idType = id.getMethod("getType");
        idBaseUnit = id.getMethod("getBaseUnit");
        tagKey = tag.getMethod("getKey");
        tagValue = tag.getMethod("getValue");
        counterCount = counter.getMethod("count");
        functionCounterCount = functionCounter.getMethod("count");
        gaugeValue = gauge.getMethod("value");
        timeGaugeValue = timeGauge.getMethod("value", TimeUnit.class);
        functionTimerCount = functionTimer.getMethod("count");
        functionTimerTotalTime = functionTimer.getMethod("totalTime", TimeUnit.class);
        takeSnapshot = histogramSupport.getMethod("takeSnapshot");
        snapshotCount = snapshot.getMethod("count");
        snapshotTotal = snapshot.getMethod("total");
        snapshotTotalIn = snapshot.getMethod("total", TimeUnit.class);
        snapshotMax = snapshot.getMethod("max");
        snapshotMaxIn = snapshot.getMethod("max", TimeUnit.class);
        histogramCounts = snapshot.getMethod("histogramCounts");
        percentileValues = snapshot.getMethod("percentileValues");
        bucket = countAtBucket.getMethod("bucket");
        bucketIn = countAtBucket.getMethod("bucket", TimeUnit.class);
        bucketCount = countAtBucket.getMethod("count");
        percentile = valueAtPercentile.getMethod("percentile");
        percentileValue = valueAtPercentile.getMethod("value");
        percentileValueIn = valueAtPercentile.getMethod("value", TimeUnit.class);
        measure = meter.getMethod("measure");
        measurementStatistic = measurement.getMethod("getStatistic");
        measurementValue = measurement.getMethod("getValue");
    }

    /**
     * The API of the Micrometer copy a registry belongs to, or null when {@code registry} is no
     * Micrometer registry.
     *
     * @throws IllegalStateException when that copy lacks a method the collector reads
     */
    static MicrometerApi of(Object registry) {
        Class<?> meterRegistry = superclassNamed(registry.getClass(), METER_REGISTRY);
        return meterRegistry == null ? null : BY_REGISTRY_CLASS.get(meterRegistry);
    }

    /** {@code type} or its nearest superclass of that name, or null. */
    static Class<?> superclassNamed(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(name)) {
                return c;
            }
        }
        return null;
    }

    Iterable<?> meters(Object registry) {
        return (Iterable<?>) call(getMeters, registry);
    }

    /** False where this Micrometer cannot say. */
    boolean isClosed(Object registry) {
        return isClosed != null && (Boolean) call(isClosed, registry);
    }

    private static Method optionalMethod(Class<?> type, String name) {
        try {
            return type.getMethod(name);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    Object id(Object meter) {
        return call(getId, meter);
    }

    String name(Object id) {
        return (String) call(idName, id);
    }

    Iterable<?> tags(Object id) {
        return (Iterable<?>) call(idTags, id);
    }

    /** The name of its {@code Meter.Type}. */
    String type(Object id) {
        return ((Enum<?>) call(idType, id)).name();
    }

    String baseUnit(Object id) {
        return (String) call(idBaseUnit, id);
    }

    String tagKey(Object tag) {
        return (String) call(tagKey, tag);
    }

    String tagValue(Object tag) {
        return (String) call(tagValue, tag);
    }

    double count(Object counterOrFunctionCounter) {
        Method count = counter.isInstance(counterOrFunctionCounter) ? counterCount : functionCounterCount;
        return number(call(count, counterOrFunctionCounter));
    }

    double gaugeValue(Object gauge) {
        return number(call(gaugeValue, gauge));
    }

    double timeGaugeSeconds(Object timeGauge) {
        return number(call(timeGaugeValue, timeGauge, TimeUnit.SECONDS));
    }

    double functionTimerCount(Object functionTimer) {
        return number(call(functionTimerCount, functionTimer));
    }

    double functionTimerSeconds(Object functionTimer) {
        return number(call(functionTimerTotalTime, functionTimer, TimeUnit.SECONDS));
    }

    /** A timer's, distribution summary's or long task timer's {@code HistogramSnapshot}. */
    Object snapshot(Object histogramSupport) {
        return call(takeSnapshot, histogramSupport);
    }

    long snapshotCount(Object snapshot) {
        return (long) number(call(snapshotCount, snapshot));
    }

    /** @param seconds whether in seconds (a timer's), or in the meter's own unit */
    double snapshotTotal(Object snapshot, boolean seconds) {
        return number(seconds ? call(snapshotTotalIn, snapshot, TimeUnit.SECONDS) : call(snapshotTotal, snapshot));
    }

    double snapshotMax(Object snapshot, boolean seconds) {
        return number(seconds ? call(snapshotMaxIn, snapshot, TimeUnit.SECONDS) : call(snapshotMax, snapshot));
    }

    Object[] histogramCounts(Object snapshot) {
        return (Object[]) call(histogramCounts, snapshot);
    }

    Object[] percentileValues(Object snapshot) {
        return (Object[]) call(percentileValues, snapshot);
    }

    double bucket(Object countAtBucket, boolean seconds) {
        return number(seconds ? call(bucketIn, countAtBucket, TimeUnit.SECONDS) : call(bucket, countAtBucket));
    }

    double bucketCount(Object countAtBucket) {
        return number(call(bucketCount, countAtBucket));
    }

    double percentile(Object valueAtPercentile) {
        return number(call(percentile, valueAtPercentile));
    }

    double percentileValue(Object valueAtPercentile, boolean seconds) {
        return number(seconds ? call(percentileValueIn, valueAtPercentile, TimeUnit.SECONDS)
                : call(percentileValue, valueAtPercentile));
    }

    Iterable<?> measure(Object meter) {
        return (Iterable<?>) call(measure, meter);
    }

    /** Its {@code Statistic}, an enum constant. */
    Enum<?> statistic(Object measurement) {
        return (Enum<?>) call(measurementStatistic, measurement);
    }

    double measurementValue(Object measurement) {
        return number(call(measurementValue, measurement));
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }
}
