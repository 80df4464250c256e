package io.remora.agent;

import io.remora.agent.config.AgentConfig;
import io.remora.agent.config.ConfigLoader;
import io.remora.agent.instrument.Instrumentations;
import io.remora.agent.jvm.JvmMetrics;
import io.remora.exporter.Exporter;
import io.remora.exporter.log.Log;
import java.lang.instrument.Instrumentation;
import java.util.concurrent.CountDownLatch;

/**
 * The agent, loaded by the isolated agent class loader. {@link #start} runs in premain: it reads and
 * checks the configuration (reporting each bad value at once, even if the application exits right
 * away), puts the instrumentations' class selection in place (so that no class the application loads
 * from then on is missed), and starts two daemon threads. One resolves the host name, starts the
 * exporter, registers the shutdown flush and polls the collectors each interval; the other installs
 * the instrumentations' advice, which classes that need it wait for.
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
            Instrumentations instrumentations = Instrumentations.prepare(instrumentation, config);
            CountDownLatch exportReady = new CountDownLatch(1);
            // named Runnables, not lambdas: the first lambda costs premain tens of milliseconds
            startThread(new AgentThread(config, instrumentations, exportReady), THREAD_NAME);
            if (instrumentations != null) {
                startThread(new InstallThread(instrumentations, instrumentation, exportReady), INSTALL_THREAD_NAME);
            }
        } catch (Throwable t) {
            Log.error("agent not started: " + t);
        }
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
        private final CountDownLatch exportReady;

        AgentThread(AgentConfig config, Instrumentations instrumentations, CountDownLatch exportReady) {
            this.config = config;
            this.instrumentations = instrumentations;
            this.exportReady = exportReady;
        }

        @Override
        public void run() {
            Agent.run(config, instrumentations, exportReady);
        }
    }

    /** Installs the advice beside the agent thread, so that classes waiting for it wait for nothing else. */
    private static final class InstallThread implements Runnable {
        private final Instrumentations instrumentations;
        private final Instrumentation instrumentation;
        private final CountDownLatch exportReady;

        InstallThread(Instrumentations instrumentations, Instrumentation instrumentation, CountDownLatch exportReady) {
            this.instrumentations = instrumentations;
            this.instrumentation = instrumentation;
            this.exportReady = exportReady;
        }

        @Override
        public void run() {
            try {
                instrumentations.install(instrumentation);
                exportReady.await();
                instrumentations.logReady();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Export first, so that an application that ends at once still has its samples sent: the
     * exporter, the shutdown flush, the JVM collectors; then a round each interval.
     *
     * @param instrumentations null when none runs; their meters are exported once installed
     */
    private static void run(AgentConfig config, Instrumentations instrumentations, CountDownLatch exportReady) {
        try {
            String instance = config.instance().orElseGet(ProcessIdentity::hostAndPid);
            Exporter exporter = Exporter.start(ExporterSetup.exporterConfig(config, instance));
            ExporterWriter writer = new ExporterWriter(exporter);
            JvmMetrics jvm = config.instrumentationEnabled("jvm") ? JvmMetrics.start(writer) : null;
            CollectionRound round = new CollectionRound(jvm, instrumentations, writer);
            addShutdownFlush(exporter, round);
            exportReady.countDown();
            if (!round.isEmpty()) {
                poll(round, config.interval().toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            Log.error("agent stopped: " + t);
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

    /**
     * On a clean exit, a last round of collection, then what is in memory is sent or spooled, bounded
     * by the exporter's shutdown timeout.
     */
    private static void addShutdownFlush(Exporter exporter, CollectionRound round) {
        Runnable lastRoundThenClose = () -> {
            try {
                round.run(System.currentTimeMillis());
            } catch (Throwable t) {
                Log.warn("last collection at exit failed: " + t);
            } finally {
                exporter.close();
            }
        };
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(lastRoundThenClose, "remora-shutdown"));
        } catch (IllegalStateException e) {
            exporter.close(); // the JVM is already exiting
        }
    }
}
