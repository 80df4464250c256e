package io.remora.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppRegistriesTest {

    @Test
    void aRegistryIsHeldOnceWhetherFoundBuiltOrInUse() {
        Object built = new Object();
        Object usedOnly = new Object();

        AppRegistries.constructed(built);
        AppRegistries.used(built);
        AppRegistries.used(usedOnly);
        AppRegistries.used(usedOnly);

        assertEquals(List.of(built, usedOnly), held(built, usedOnly));
    }

    @Test
    void theAgentRemovesWhatItNoLongerNeeds() {
        Object registry = new Object();
        AppRegistries.constructed(registry);
        for (Iterator<WeakReference<Object>> it = AppRegistries.registries(); it.hasNext(); ) {
            if (it.next().get() == registry) {
                it.remove();
            }
        }
        assertEquals(List.of(), held(registry));
    }

    /** Those of {@code registries} held, in the order they were found. */
    private static List<Object> held(Object... registries) {
        List<Object> held = new ArrayList<>();
        for (Iterator<WeakReference<Object>> it = AppRegistries.registries(); it.hasNext(); ) {
            Object registry = it.next().get();
            for (Object mine : registries) {
                if (registry == mine) {
                    held.add(registry);
                }
            }
        }
        return held;
    }
}
