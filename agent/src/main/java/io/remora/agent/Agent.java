package io.remora.agent;

import io.remora.agent.config.AgentConfig;
import io.remora.agent.config.ConfigLoader;
import io.remora.agent.instrument.Instrumentations;
import io.remora.agent.instrument.catalog.Catalog;
import io.remora.agent.jvm.JvmMetrics;
import io.remora.exporter.Exporter;
import io.remora.log.Log;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The agent, loaded by the isolated agent class loader. {@link #start} runs in premain: it reads and
 * checks the configuration (reporting each bad value at once, even if the application exits right
 * away), registers the shutdown flush, puts the instrumentations' class selection in place (so that
 * no class the application loads from then on is missed), and starts two daemon threads. One
 * resolves the host name, creates and checks the spool directory, starts the exporter, hands it to
 * the shutdown flush and polls the collectors each interval; the other installs the
 * instrumentations' advice, which classes that need it wait for.
 */
public final class Agent {

    static final String THREAD_NAME = "remora-agent";
    static final String INSTALL_THREAD_NAME = "remora-instrument";

    private Agent() {
    }

    /** Called reflectively by {@code io.remora.agent.boot.RemoraAgent}; never throws. */
    public static void start(String arguments, Instrumentation instrumentation) {
        try {
            ConfigLoader.Result loaded = new ConfigLoader(System.getProperties(), arguments, System.getenv()).load();
            AgentConfig config = loaded.config();
            Log.setLevel(config.logLevel());
            for (String problem : loaded.problems()) {
                Log.error(problem);
            }
            if (Log.isEnabled(Log.Level.DEBUG)) {
                for (String line : loaded.effective()) {
                    Log.debug(line);
                }
            }
            if (!config.exportEnabled()) {
                return;
            }
            ShutdownFlush flush = new ShutdownFlush();
            if (!flush.register()) {
                return; // the JVM is already exiting
            }
            List<String> switchedOn = switchedOn(config);
            Set<String> enabled = new HashSet<>(switchedOn);
            Instrumentations instrumentations = Instrumentations.prepare(instrumentation, switchedOn,
                    Catalog.matches(enabled, config.methods()));
            // named Runnables, not lambdas: the first lambda costs premain tens of milliseconds
            startThread(new AgentThread(config, instrumentations, instrumentation, flush), THREAD_NAME);
            if (instrumentations != null) {
                startThread(new InstallThread(instrumentations, instrumentation, flush, enabled, config.methods()),
                        INSTALL_THREAD_NAME);
            }
        } catch (Throwable t) {
            Log.error("agent not started: " + t);
        }
    }

    /** The instrumentation modules' switches that are on, in the catalog's order. */
    private static List<String> switchedOn(AgentConfig config) {
        List<String> on = new ArrayList<>();
        for (String name : Catalog.switches()) {
            if (config.instrumentationEnabled(name)) {
                on.add(name);
            }
        }
        return on;
    }

    private static void startThread(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.setContextClassLoader(Agent.class.getClassLoader());
        thread.start();
    }

    private static final class AgentThread implements Runnable {
        private final AgentConfig config;
        private final Instrumentations instrumentations;
        private final Instrumentation instrumentation;
        private final ShutdownFlush flush;

        AgentThread(AgentConfig config, Instrumentations instrumentations, Instrumentation instrumentation,
                ShutdownFlush flush) {
            this.config = config;
            this.instrumentations = instrumentations;
            this.instrumentation = instrumentation;
            this.flush = flush;
        }

        @Override
        public void run() {
            if (instrumentations != null) {
                defineMeterClasses(instrumentations, instrumentation);
            }
            Agent.run(config, instrumentations, flush);
        }
    }

    /**
     * Before the exporter (its send-duration histogram) and the JVM collectors (GC pauses) load a
     * meter class: the agent class loader asks the bootstrap loader first, so once the classes are
     * defined there it never makes copies of its own, and advice and exporter share one set of meters.
     * Not in premain, whose time is the application's.
     */
    private static void defineMeterClasses(Instrumentations instrumentations, Instrumentation instrumentation) {
        try {
            instrumentations.defineMeterClasses(instrumentation);
        } catch (Throwable t) {
            // the install thread meets the same failure and switches instrumentation off with the reason
            Log.debug("meter classes not defined: " + t);
        }
    }

    /** Installs the advice beside the agent thread, so that classes waiting for it wait for nothing else. */
    private static final class InstallThread implements Runnable {
        private final Instrumentations instrumentations;
        private final Instrumentation instrumentation;
        private final ShutdownFlush flush;
        private final Set<String> switchedOn;
        private final List<String> methods;

        InstallThread(Instrumentations instrumentations, Instrumentation instrumentation, ShutdownFlush flush,
                Set<String> switchedOn, List<String> methods) {
            this.instrumentations = instrumentations;
            this.instrumentation = instrumentation;
            this.flush = flush;
            this.switchedOn = switchedOn;
            this.methods = methods;
        }

        @Override
        public void run() {
            try {
                // the modules are built here, not in premain, whose time is the application's
                instrumentations.install(instrumentation, flush::exiting, Catalog.enabled(switchedOn, methods));
                flush.awaitExportReady();
                instrumentations.logReady();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Export first, so that an application that ends at once still has its samples sent: the
     * exporter and the JVM collectors, handed to the shutdown flush; then a round each interval.
     *
     * @param instrumentations null when none runs; their meters are exported once installed
     */
    private static void run(AgentConfig config, Instrumentations instrumentations, ShutdownFlush flush) {
        try {
            String instance = config.instance().orElseGet(ProcessIdentity::hostAndPid);
            Exporter exporter = Exporter.start(ExporterSetup.exporterConfig(config, instance));
            StaleSeries writer = new StaleSeries(exporter, exporter::markStale);
            JvmMetrics jvm = config.instrumentationEnabled("jvm") ? JvmMetrics.start(writer) : null;
            CollectionRound round = new CollectionRound(jvm, instrumentations, writer);
            flush.exportReady(exporter, round);
            if (!round.isEmpty()) {
                poll(round, config.interval().toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            Log.error("agent stopped: " + t);
        } finally {
            flush.noExport(); // no effect once export was ready
        }
    }

    /** Collects at a fixed rate, first right away, until the JVM exits (the thread is a daemon). */
    private static void poll(CollectionRound round, long intervalMs) throws InterruptedException {
        long next = System.currentTimeMillis();
        while (true) {
            round.run(System.currentTimeMillis());
            next += intervalMs;
            long now = System.currentTimeMillis();
            if (next <= now) {
                next = now + intervalMs; // fell behind (suspended, overloaded): skip, never burst
            }
            Thread.sleep(next - now);
        }
    }
}
