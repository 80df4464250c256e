package io.remora.agent.instrument.clientjava;

import io.remora.agent.instrument.InstrumentationModule;
import io.remora.agent.collect.PeriodicCollector;
import io.remora.agent.instrument.RegistryCapture;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.bootstrap.AppRegistries;
import java.util.Arrays;
import java.util.List;

/**
 * The application's own Prometheus client_java metrics, 1.x and 0.x, with no code change: the
 * registries are captured ({@link RegistryCapture}) at the end of the constructor of
 * {@code PrometheusRegistry} (1.x) and {@code CollectorRegistry} (0.x), which builds each default
 * registry when the class initializes, or, built before the advice was in place, at their next
 * {@code register}. Premain loads nothing of client_java. {@link ClientJavaCollector} reads the
 * default registries each interval on the agent's thread.
 */
public final class ClientJavaModule implements InstrumentationModule {

    @Override
    public String name() {
        return "client-java";
    }

    @Override
    public List<TypeInstrumentation> types() {
        return Arrays.<TypeInstrumentation>asList(new RegistryCapture(ModelApi.REGISTRY, "register"),
                new RegistryCapture(SimpleclientApi.REGISTRY, "register"));
    }

    @Override
    public PeriodicCollector collector() {
        return new ClientJavaCollector(AppRegistries::registries);
    }
}
