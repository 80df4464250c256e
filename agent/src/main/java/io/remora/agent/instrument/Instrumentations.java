package io.remora.agent.instrument;

import io.remora.agent.config.AgentConfig;
import io.remora.agent.instrument.executor.ExecutorModule;
import io.remora.agent.instrument.httpclient.HttpClientModule;
import io.remora.agent.instrument.httpserver.JdkHttpServerModule;
import io.remora.agent.instrument.jdbc.JdbcModule;
import io.remora.agent.instrument.methods.MethodsModule;
import io.remora.agent.instrument.servlet.ServletModule;
import io.remora.agent.jvm.MetricWriter;
import io.remora.bootstrap.Meters;
import io.remora.exporter.log.Log;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * The instrumentations that are switched on: their bootstrap classes injected, their advice
 * installed, their meters exported each interval. Runs on the agent thread, never in premain:
 * classes the application loads meanwhile are retransformed once the transformer is in place.
 */
public final class Instrumentations {

    private final List<String> names;
    private final List<PeriodicCollector> collectors = new ArrayList<>();
    private String installed;

    private Instrumentations(List<String> names) {
        this.names = names;
    }

    /** Every instrumentation, in the order they are installed; a new one adds its line here. */
    static List<InstrumentationModule> all(AgentConfig config) {
        List<InstrumentationModule> modules = new ArrayList<>();
        modules.add(new JdkHttpServerModule());
        modules.add(new ServletModule());
        modules.add(new HttpClientModule());
        modules.add(new JdbcModule());
        modules.add(new ExecutorModule());
        modules.add(new MethodsModule(config.methods()));
        return modules;
    }

    /**
     * @return the running instrumentations, or null when none is switched on or they cannot run
     *     here (logged with the reason; the application and the JVM metrics are not affected)
     */
    public static Instrumentations start(Instrumentation instrumentation, AgentConfig config) {
        List<InstrumentationModule> enabled = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (InstrumentationModule module : all(config)) {
            if (config.instrumentationEnabled(module.name())) {
                enabled.add(module);
                if (!names.contains(module.name())) { // several modules can share a switch (http-server)
                    names.add(module.name());
                }
            }
        }
        if (enabled.isEmpty()) {
            Log.debug("instrumentation: none enabled");
            return null;
        }
        long started = System.nanoTime();
        try {
            int injected = BootstrapInjector.inject(instrumentation);
            Instrumenter.install(instrumentation, enabled);
            Instrumentations running = new Instrumentations(names);
            running.collectors.add(new MeterExport(Meters.REGISTRY));
            for (InstrumentationModule module : enabled) {
                if (module.collector() != null) {
                    running.collectors.add(module.collector());
                }
            }
            running.installed = String.join(", ", names) + " (" + injected + " bootstrap classes) in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms";
            return running;
        } catch (Throwable t) {
            Log.error("instrumentation (" + String.join(", ", names) + ") switched off: " + t);
            return null;
        }
    }

    /**
     * Logs that the advice is in place, once the agent can also deliver what it records (its exporter
     * and exit flush exist): an application that waits for this line and exits right after still
     * has its measurements sent.
     */
    public void logReady() {
        Log.debug("instrumentation ready: " + installed);
    }

    public List<String> names() {
        return Collections.unmodifiableList(names);
    }

    /** Exports the meters and polls the modules' collectors; one that fails is logged and switched off. */
    public void collect(MetricWriter writer, long timestampMs) {
        for (Iterator<PeriodicCollector> it = collectors.iterator(); it.hasNext(); ) {
            PeriodicCollector collector = it.next();
            try {
                collector.collect(writer, timestampMs);
            } catch (Throwable t) {
                Log.warn("instrumentation collector " + collector.getClass().getSimpleName() + " failed (" + t
                        + "); switched off");
                it.remove();
            }
        }
    }
}
