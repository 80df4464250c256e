package io.remora.bootstrap.micrometer;

import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every Micrometer {@code MeterRegistry} the application builds, held weakly: the advice at the end
 * of {@code MeterRegistry}'s constructor (which every registry's construction runs, the global
 * composite's, Spring Boot's and the application's own alike) calls {@link #constructed}, and the
 * agent reads them each interval. Registered at the start of its construction, a registry may not
 * be fully built yet: the agent reads it only at the next interval, on its own thread. This class is
 * defined in the bootstrap loader, where no Micrometer type can be seen: a registry is an Object.
 */
public final class MeterRegistries {

    private static final ConcurrentLinkedQueue<WeakReference<Object>> REGISTRIES = new ConcurrentLinkedQueue<>();

    private MeterRegistries() {
    }

    /** Called when {@code MeterRegistry}'s constructor returns. */
    public static void constructed(Object registry) {
        REGISTRIES.add(new WeakReference<>(registry));
    }

    /**
     * The registries built and not yet removed; the agent removes those collected
     * ({@link Iterator#remove}).
     */
    public static Iterator<WeakReference<Object>> registries() {
        return REGISTRIES.iterator();
    }
}
