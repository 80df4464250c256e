package io.remora.agent.instrument;

import io.remora.agent.collect.CollectorSet;
import io.remora.agent.collect.MeterExport;
import io.remora.agent.collect.MetricWriter;
import io.remora.agent.collect.PeriodicCollector;
import io.remora.agent.instrument.select.ClassMatch;
import io.remora.agent.instrument.select.ClassSelector;
import io.remora.bootstrap.Meters;
import io.remora.log.Log;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The instrumentations that are switched on, in two steps. {@link #prepare} runs in premain: it
 * registers the {@link SelectingTransformer}, which from then on sees every class that loads and
 * decides without Byte Buddy which ones to change. {@link #install} runs on an agent thread: it
 * defines the bootstrap classes (the meters unless the agent thread did first), builds the advice
 * weavers (releasing the classes that waited for them), retransforms the chosen classes that
 * loaded before, and starts exporting the meters.
 */
public final class Instrumentations {

    static final long INSTALL_DELAY_MS = 100;
    private static final String COLLECTOR_KIND = "instrumentation collector";

    private final List<String> names;
    /** What the selector chooses by, bit by bit: the type instrumentations installed must match it. */
    private final List<ClassMatch> matches;
    private final SelectingTransformer transformer;
    private volatile CollectorSet collectors = new CollectorSet(COLLECTOR_KIND);
    private volatile String installed;
    /** Guarded by this: how many meter and hook classes of bootstrap/ were defined, -1 before; or why that failed. */
    private int meterClasses = -1;
    private int hookClasses = -1;
    private RuntimeException bootstrapFailure;

    private Instrumentations(List<String> names, List<ClassMatch> matches, SelectingTransformer transformer) {
        this.names = names;
        this.matches = matches;
        this.transformer = transformer;
    }

    /**
     * In premain: the class selection, registered with the JVM. No module is built here (see
     * {@code Catalog}): the matches come as data, and {@link #install} gets the modules.
     *
     * @param names the switches that are on
     * @param matches the class matches of their type instrumentations, in the order {@link #install}
     *     will get them
     * @return the instrumentations to install, or null when none is switched on or they cannot run
     *     here (logged with the reason; the application and the JVM metrics are not affected)
     */
    public static Instrumentations prepare(Instrumentation instrumentation, List<String> names,
            List<ClassMatch> matches) {
        if (names.isEmpty()) {
            Log.debug("instrumentation: none enabled");
            return null;
        }
        try {
            SelectingTransformer transformer = new SelectingTransformer(
                    new ClassSelector(matches, Instrumentations.class.getClassLoader()));
            instrumentation.addTransformer(transformer, true);
            return new Instrumentations(new ArrayList<>(names), new ArrayList<>(matches), transformer);
        } catch (Throwable t) {
            Log.error("instrumentation (" + String.join(", ", names) + ") switched off: " + describe(t));
            return null;
        }
    }

    /**
     * On an agent thread: puts the advice in place, starting when the first chosen class loads or
     * {@link #INSTALL_DELAY_MS} after premain, whichever comes first. A program that ends sooner
     * and needs none never pays for the weavers; a service still has them built beside its own start.
     * If the installation fails (logged with the reason), the classes stay as they are and the
     * selection is taken out of class loading.
     */
    public void install(Instrumentation instrumentation, BooleanSupplier exiting, List<InstrumentationModule> modules)
            throws InterruptedException {
        transformer.awaitNeed(INSTALL_DELAY_MS);
        if (exiting.getAsBoolean()) {
            // a short program already ending: building the weavers now would only slow its exit
            standAside(instrumentation);
            Log.debug("instrumentation not installed: the JVM is exiting");
            return;
        }
        long started = System.nanoTime();
        try {
            List<TypeInstrumentation> types = typesMatching(matches, modules);
            int injected = defineBootstrapClasses(instrumentation);
            ClassFileTransformer[] woven = Instrumenter.transformers(instrumentation, types);
            // exported before any class is released: an application that ends right after has its meters flushed
            CollectorSet running = new CollectorSet(COLLECTOR_KIND);
            running.add(MeterExport.class.getSimpleName(), new MeterExport(Meters.REGISTRY));
            for (InstrumentationModule module : modules) {
                PeriodicCollector collector = module.collector();
                if (collector != null) {
                    running.add(collector.getClass().getSimpleName(), collector);
                }
            }
            collectors = running;
            Class<?>[] loadedBefore = instrumentation.getAllLoadedClasses();
            transformer.ready(woven);
            List<Class<?>> before = transformer.chosenAmong(loadedBefore, null);
            int retransformed = retransform(instrumentation, before);
            if (!transformer.late().isEmpty()) {
                // what the agent's threads loaded while it was not ready, after the snapshot above
                List<Class<?>> late = transformer.chosenAmong(instrumentation.getAllLoadedClasses(), transformer.late());
                late.removeAll(before);
                retransformed += retransform(instrumentation, late);
            }
            installed = String.join(", ", names) + " (" + injected + " bootstrap classes, " + retransformed
                    + " classes retransformed) in " + (System.nanoTime() - started) / 1_000_000 + " ms, "
                    + ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000 + " ms of CPU";
        } catch (Throwable t) {
            standAside(instrumentation);
            if (exiting.getAsBoolean()) {
                // a short program ended while the weavers were being built: nothing is lost, nothing to fix
                Log.debug("instrumentation not finished before the JVM's exit: " + describe(t));
            } else {
                Log.error("instrumentation (" + String.join(", ", names) + ") switched off: " + describe(t));
            }
        }
    }

    /**
     * Defines the meter classes of {@code bootstrap/} once, from whichever agent thread needs them
     * first: the agent thread before its exporter and JVM collectors load any, the install thread
     * before the advice. A meter class the agent class loader reached first would be a copy of its
     * own, and the advice would record into meters that nothing exports. Only the meters: the hooks
     * wait for the install thread, after the application's first moments (the 60 of them cost a
     * hello world's start a few milliseconds of a shared core).
     *
     * @return the number of classes defined
     * @throws IllegalStateException as {@link BootstrapInjector#inject}, to every caller once it failed
     */
    public synchronized int defineMeterClasses(Instrumentation instrumentation) {
        if (meterClasses < 0) {
            meterClasses = inject(instrumentation, true);
        }
        return meterClasses;
    }

    /** All of {@code bootstrap/}: the meters unless the agent thread did them, then the hooks. */
    private synchronized int defineBootstrapClasses(Instrumentation instrumentation) {
        int meters = defineMeterClasses(instrumentation);
        if (hookClasses < 0) {
            hookClasses = inject(instrumentation, false);
        }
        return meters + hookClasses;
    }

    private int inject(Instrumentation instrumentation, boolean meters) {
        if (bootstrapFailure != null) {
            throw bootstrapFailure;
        }
        try {
            return BootstrapInjector.inject(instrumentation, meters);
        } catch (RuntimeException e) {
            bootstrapFailure = e;
            throw e;
        }
    }

    /**
     * The modules' type instrumentations, checked against what the selector was built from in premain:
     * a table out of step with the modules would put advice on the wrong classes.
     *
     * @throws IllegalStateException when they differ (a build that did not rewrite the table)
     */
    static List<TypeInstrumentation> typesMatching(List<ClassMatch> matches, List<InstrumentationModule> modules) {
        List<TypeInstrumentation> types = new ArrayList<>();
        for (InstrumentationModule module : modules) {
            types.addAll(module.types());
        }
        for (int i = 0; i < Math.max(types.size(), matches.size()); i++) {
            String built = i < types.size() ? types.get(i).classes().encode() : "none";
            String selected = i < matches.size() ? matches.get(i).encode() : "none";
            if (!built.equals(selected)) {
                throw new IllegalStateException("the class selection (" + selected + ") differs from the modules' ("
                        + built + ") at " + i + ": the agent jar's match table is stale");
            }
        }
        return types;
    }

    /** No advice after all: nothing waits for it any more, and classes load as they are. */
    private void standAside(Instrumentation instrumentation) {
        transformer.ready(new ClassFileTransformer[0]);
        instrumentation.removeTransformer(transformer);
    }

    /** The error and where it was thrown: one line that still lets a report be traced. */
    private static String describe(Throwable t) {
        StackTraceElement[] stack = t.getStackTrace();
        return stack.length == 0 ? t.toString() : t + " at " + stack[0];
    }

    /**
     * Classes loaded before their transformer was ready, changed now. Advice only adds code to
     * methods, so retransformation is allowed; a class the JVM refuses is left as it was, with one
     * line.
     */
    private static int retransform(Instrumentation instrumentation, List<Class<?>> classes) {
        int done = 0;
        for (Class<?> type : classes) {
            try {
                instrumentation.retransformClasses(type);
                done++;
            } catch (Throwable t) {
                Log.warn("could not instrument " + type.getName() + ", already loaded; left unchanged: " + t);
            }
        }
        return done;
    }

    /**
     * Logs that the advice is in place, once the agent can also deliver what it records (its exporter
     * and exit flush exist): an application that waits for this line and exits right after still
     * has its measurements sent.
     */
    public void logReady() {
        if (installed != null) {
            Log.debug("instrumentation ready: " + installed);
        }
    }

    public List<String> names() {
        return Collections.unmodifiableList(names);
    }

    /** Exports the meters and polls the modules' collectors; one that fails is logged and switched off. */
    public void collect(MetricWriter writer, long timestampMs) {
        collectors.collect(writer, timestampMs);
    }
}
