package io.remora.bootstrap.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeterRegistriesTest {

    @Test
    void aRegistryIsHeldOnceWhetherFoundBuiltOrInUse() {
        Object built = new Object();
        Object usedOnly = new Object();

        MeterRegistries.constructed(built);
        MeterRegistries.used(built);
        MeterRegistries.used(usedOnly);
        MeterRegistries.used(usedOnly);

        assertEquals(List.of(built, usedOnly), held(built, usedOnly));
    }

    @Test
    void theAgentRemovesWhatItNoLongerNeeds() {
        Object registry = new Object();
        MeterRegistries.constructed(registry);
        for (Iterator<WeakReference<Object>> it = MeterRegistries.registries(); it.hasNext(); ) {
            if (it.next().get() == registry) {
                it.remove();
            }
        }
        assertEquals(List.of(), held(registry));
    }

    /** Those of {@code registries} held, in the order they were found. */
    private static List<Object> held(Object... registries) {
        List<Object> held = new ArrayList<>();
        for (Iterator<WeakReference<Object>> it = MeterRegistries.registries(); it.hasNext(); ) {
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
