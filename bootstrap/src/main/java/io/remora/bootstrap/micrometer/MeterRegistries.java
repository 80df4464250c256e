package io.remora.bootstrap.micrometer;

import io.remora.bootstrap.WeakIdentityMap;
import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every Micrometer {@code MeterRegistry} the application builds, held weakly, each once, in the
 * order they were found: the advice at the end of {@code MeterRegistry}'s constructor (which every
 * registry's construction runs, the global composite's, Spring Boot's and the application's own
 * alike) calls {@link #constructed}; the advice at the start of its {@code getOrCreateMeter} (every
 * registration or lookup of a meter) calls {@link #used}, which finds a registry built before the
 * advice was in place (an attached agent, or Micrometer loaded while the agent was still starting)
 * at its next meter, for the cost of one lookup. Registered at the start of its construction, a
 * registry may not be fully built yet: the agent reads it only at the next interval, on its own
 * thread. This class is defined in the bootstrap loader, where no Micrometer type can be seen: a
 * registry is an Object.
 */
public final class MeterRegistries {

    private static final ConcurrentLinkedQueue<WeakReference<Object>> REGISTRIES = new ConcurrentLinkedQueue<>();
    private static final WeakIdentityMap<Boolean> SEEN = new WeakIdentityMap<>();

    private MeterRegistries() {
    }

    /** Called when {@code MeterRegistry}'s constructor returns. */
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
