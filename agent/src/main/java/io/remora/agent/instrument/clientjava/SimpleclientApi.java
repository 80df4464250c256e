package io.remora.agent.instrument.clientjava;

import static io.remora.agent.instrument.Reflection.call;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Prometheus client_java 0.x (simpleclient): the collectors of {@code CollectorRegistry.defaultRegistry},
 * each collected alone (the registry's own enumeration stops at the first that throws), through
 * the registry's private {@code collectors()}, which copies them under its lock. A 0.x collector
 * gives its samples under their full names already ({@code _total}, {@code _bucket}, {@code _created},
 * {@code _info}), exactly what {@code TextFormat} writes: they are sent as they are.
 */
final class SimpleclientApi extends ClientJavaApi {

    static final String REGISTRY = "io.prometheus.client.CollectorRegistry";

    private final Method collectors;
    private final Method collect;
    private final Field samples;
    private final Field name;
    private final Field labelNames;
    private final Field labelValues;
    private final Field value;

    SimpleclientApi(Class<?> registry) throws ReflectiveOperationException {
        super(registry);
        ClassLoader loader = registry.getClassLoader();
        collectors = accessible(registry.getDeclaredMethod("collectors"));
        collect = Class.forName("io.prometheus.client.Collector", false, loader).getMethod("collect");
        samples = Class.forName("io.prometheus.client.Collector$MetricFamilySamples", false, loader).getField("samples");
        Class<?> sample = Class.forName("io.prometheus.client.Collector$MetricFamilySamples$Sample", false, loader);
        name = sample.getField("name");
        labelNames = sample.getField("labelNames");
        labelValues = sample.getField("labelValues");
        value = sample.getField("value");
    }

    @Override
    String library() {
        return "client_java 0.x";
    }

    @Override
    List<Object> collectors(Object registry) {
        return new ArrayList<>((Collection<?>) call(collectors, registry));
    }

    @Override
    void collect(Object collector, Samples sink) {
        for (Object family : (List<?>) call(collect, collector)) {
            for (Object sample : (List<?>) get(samples, family)) {
                List<?> names = (List<?>) get(labelNames, sample);
                List<?> values = (List<?>) get(labelValues, sample);
                String[] pairs = new String[2 * names.size()];
                for (int i = 0; i < names.size(); i++) {
                    pairs[2 * i] = (String) names.get(i);
                    pairs[2 * i + 1] = (String) values.get(i);
                }
                sink.sample((String) get(name, sample), pairs, ((Number) get(value, sample)).doubleValue());
            }
        }
    }
}
