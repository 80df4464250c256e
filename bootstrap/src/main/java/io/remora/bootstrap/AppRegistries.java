package io.remora.bootstrap;

import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every registry of the application's own meters that the bridges read (Micrometer's
 * {@code MeterRegistry}, Prometheus client_java's {@code PrometheusRegistry} and
 * {@code CollectorRegistry}), held weakly, each once, in the order they were found: the advice at
 * the end of the registry class's constructor (which every registry's construction runs, the
 * global and default ones, Spring Boot's and the application's own alike) calls {@link #constructed};
 * the advice where a meter is registered or looked up calls {@link #used}, which finds a registry
 * built before the advice was in place (an attached agent, or the library loaded while the agent
 * was still starting) at its next meter, for the cost of one lookup. Registered at the start of its
 * construction, a registry may not be fully built yet: the agent reads it only at the next
 * interval, on its own thread, and each bridge takes the registries of its own library. This class
 * is defined in the bootstrap loader, where none of those types can be seen: a registry is an Object.
 */
public final class AppRegistries {

    private static final ConcurrentLinkedQueue<WeakReference<Object>> REGISTRIES = new ConcurrentLinkedQueue<>();
    private static final WeakIdentityMap<Boolean> SEEN = new WeakIdentityMap<>();

    private AppRegistries() {
    }

    /** Called when a registry's constructor returns. */
    public static void constructed(Object registry) {
        register(registry);
    }

    /** Called when a meter is registered or looked up in the registry: a known one costs one lookup. */
    public static void used(Object registry) {
        if (SEEN.get(registry) == null) {
            register(registry);
        }
    }

    private static void register(Object registry) {
        synchronized (SEEN) {
            if (SEEN.get(registry) != null) {
                return;
            }
            SEEN.put(registry, Boolean.TRUE);
        }
        REGISTRIES.add(new WeakReference<>(registry));
    }

    /**
     * The registries found and not yet removed; the agent removes those collected
     * ({@link Iterator#remove}).
     */
    public static Iterator<WeakReference<Object>> registries() {
        return REGISTRIES.iterator();
    }
}
