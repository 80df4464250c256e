package io.remora.agent.instrument.micrometer;

import io.remora.agent.collect.PeriodicCollector;
import io.remora.agent.instrument.InstrumentationModule;
import io.remora.agent.instrument.RegistryCapture;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.bootstrap.AppRegistries;
import java.util.Collections;
import java.util.List;

/**
 * The application's own Micrometer meters, with no code change: every {@code MeterRegistry} is
 * captured ({@link RegistryCapture}) at the end of the constructor of
 * {@code io.micrometer.core.instrument.MeterRegistry} itself, which the construction of every
 * registry runs ({@code Metrics.globalRegistry}, Spring Boot's, any the application builds), or,
 * built before the advice was in place, at the start of its private {@code getOrCreateMeter}
 * (Micrometer 1.x; a version without it only misses such registries). Premain loads nothing of
 * Micrometer. {@link MicrometerCollector} reads the registries each interval on the agent's thread.
 */
public final class MicrometerModule implements InstrumentationModule {

    static final String METER_REGISTRY = MicrometerApi.METER_REGISTRY;

    @Override
    public String name() {
        return "micrometer";
    }

    @Override
    public List<TypeInstrumentation> types() {
        return Collections.<TypeInstrumentation>singletonList(new RegistryCapture(METER_REGISTRY, "getOrCreateMeter"));
    }

    @Override
    public PeriodicCollector collector() {
        return new MicrometerCollector(AppRegistries::registries);
    }
}
