package io.remora.agent;

import io.remora.agent.config.AgentConfig;
import io.remora.agent.config.ConfigLoader;
import io.remora.agent.instrument.Instrumentations;
import io.remora.agent.jvm.JvmMetrics;
import io.remora.exporter.Exporter;
import io.remora.exporter.log.Log;
import java.lang.instrument.Instrumentation;

/**
 * The agent, loaded by the isolated agent class loader. {@link #start} runs in premain: it reads and
 * checks the configuration (reporting each bad value at once, even if the application exits right
 * away) and starts the one daemon thread that does everything else: resolve the host name, start
 * the exporter, register the shutdown flush, and poll the JVM collectors each interval.
 */
public final class Agent {

    static final String THREAD_NAME = "remora-agent";

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
            // a named Runnable, not a lambda: the first lambda costs premain tens of milliseconds
            Thread thread = new Thread(new AgentThread(config, instrumentation), THREAD_NAME);
            thread.setDaemon(true);
            thread.setContextClassLoader(Agent.class.getClassLoader());
            thread.start();
        } catch (Throwable t) {
            Log.error("agent not started: " + t);
        }
    }

    private static final class AgentThread implements Runnable {
        private final AgentConfig config;
        private final Instrumentation instrumentation;

        AgentThread(AgentConfig config, Instrumentation instrumentation) {
            this.config = config;
            this.instrumentation = instrumentation;
        }

        @Override
        public void run() {
            Agent.run(config, instrumentation);
        }
    }

    private static void run(AgentConfig config, Instrumentation instrumentation) {
        try {
            // first, so that as few requests as possible are served before the advice is in place
            Instrumentations instrumentations = Instrumentations.start(instrumentation, config);
            String instance = config.instance().orElseGet(ProcessIdentity::hostAndPid);
            Exporter exporter = Exporter.start(ExporterSetup.exporterConfig(config, instance));
            ExporterWriter writer = new ExporterWriter(exporter);
            JvmMetrics jvm = config.instrumentationEnabled("jvm") ? JvmMetrics.start(writer) : null;
            CollectionRound round = new CollectionRound(jvm, instrumentations, writer);
            addShutdownFlush(exporter, round);
            if (instrumentations != null) {
                instrumentations.logReady();
            }
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
