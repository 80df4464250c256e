package io.remora.agent.instrument;

import io.remora.agent.collect.MetricWriter;
import io.remora.agent.collect.PeriodicCollector;
import io.remora.bootstrap.WeakInstances;
import io.remora.exporter.series.InvalidSeriesException;
import io.remora.exporter.series.Series;
import io.remora.log.Log;
import java.lang.ref.WeakReference;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Iterator;

/**
 * Each interval, public getters of the objects a library's advice registered (a container's session
 * managers, its servers' thread pools), written under Micrometer's names without labels, as Spring
 * Boot's binders register them. The agent cannot link against the application's classes, so the
 * getters are looked up by name once per class; one a class lacks is left out, as Micrometer leaves
 * out a gauge the object's type cannot give. Several live objects (two servers in one process) are
 * added up, but for maxima, which take the largest. An object that fails to be read is dropped, said once.
 */
public abstract class GetterGauges implements PeriodicCollector {

    private final String what;
    private final WeakInstances registered;
    private final String[] names;
    private final String[] getters;
    private final boolean[] largest;
    private final double[] values;
    private final boolean[] found;
    private final ClassValue<Method[]> methods = new ClassValue<Method[]>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            Method[] found = new Method[getters.length];
            for (int i = 0; i < getters.length; i++) {
                found[i] = publicGetter(type, getters[i]);
            }
            return found;
        }
    };
    private Series[] series;
    private boolean refused;

    /**
     * @param what what the objects are, for the log
     * @param largest for each name, whether several objects' values take the largest rather than their sum
     */
    protected GetterGauges(String what, WeakInstances registered, String[] names, String[] getters, boolean[] largest) {
        this.what = what;
        this.registered = registered;
        this.names = names.clone();
        this.getters = getters.clone();
        this.largest = largest.clone();
        this.values = new double[names.length];
        this.found = new boolean[names.length];
    }

    /** The object to read for one registered, or null while it is not in service (not started, stopped). */
    protected abstract Object readable(Object registered) throws ReflectiveOperationException;

    @Override
    public final void collect(MetricWriter writer, long timestampMs) {
        Arrays.fill(values, 0.0);
        Arrays.fill(found, false);
        for (Iterator<WeakReference<Object>> it = registered.iterator(); it.hasNext(); ) {
            Object instance = it.next().get();
            if (instance == null || !read(instance)) {
                it.remove();
            }
        }
        for (int i = 0; i < names.length; i++) {
            if (found[i] && series(writer) != null) {
                writer.record(series[i], timestampMs, values[i]);
            }
        }
    }

    /** @return false once the object is not to be read again */
    private boolean read(Object instance) {
        try {
            Object target = readable(instance);
            if (target == null) {
                return true;
            }
            Method[] getters = methods.get(target.getClass());
            for (int i = 0; i < getters.length; i++) {
                if (getters[i] != null) {
                    double value = ((Number) getters[i].invoke(target)).doubleValue();
                    values[i] = !found[i] ? value : largest[i] ? Math.max(values[i], value) : values[i] + value;
                    found[i] = true;
                }
            }
            return true;
        } catch (InvocationTargetException e) {
            Log.warn(what + " " + instance + " could not be read (" + e.getCause() + "); no longer measured");
        } catch (ReflectiveOperationException | RuntimeException e) {
            Log.warn(what + " " + instance + " could not be read (" + e + "); no longer measured");
        }
        return false;
    }

    /** The series, made once; null if the exporter refuses them (it says so). */
    private Series[] series(MetricWriter writer) {
        if (series == null && !refused) {
            Series[] made = new Series[names.length];
            try {
                for (int i = 0; i < names.length; i++) {
                    made[i] = writer.series(names[i]);
                }
                series = made;
            } catch (InvalidSeriesException e) {
                refused = true;
            }
        }
        return series;
    }

    /** A public method without parameters that returns a number, or null. */
    protected static Method publicGetter(Class<?> type, String name) {
        try {
            Method method = type.getMethod(name);
            return Number.class.isAssignableFrom(box(method.getReturnType())) ? method : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static Class<?> box(Class<?> type) {
        return type == int.class || type == long.class || type == double.class ? Number.class : type;
    }
}
