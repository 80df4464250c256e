package io.remora.agent.boot;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The only agent class the application's class loader can see. It opens the isolated
 * {@link AgentClassLoader} and hands over to the agent, which reads its configuration and starts
 * its one daemon thread. Nothing here touches JMX, logging frameworks or the network, and nothing
 * thrown reaches the JVM.
 */
public final class RemoraAgent {

    static final String AGENT_CLASS = "io.remora.agent.Agent";
    static final String SPOOL_COMMAND_CLASS = "io.remora.agent.SpoolCommand";

    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private RemoraAgent() {
    }

    /** {@code -javaagent:remora-agent.jar[=key=value,...]}. */
    public static void premain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation);
    }

    /** Attached to a running JVM. */
    public static void agentmain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation);
    }

    /**
     * {@code java -jar remora-agent.jar attach <pid> [key=value ...]} or
     * {@code java -jar remora-agent.jar spool <dir> [--dump]}.
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("spool")) {
            System.exit(spool(args));
        }
        System.exit(Attacher.run(args, agentJar()));
    }

    /** The spool command reads with the exporter's classes, which only the agent class loader sees. */
    private static int spool(String[] args) {
        try {
            AgentClassLoader loader = new AgentClassLoader(agentJar());
            Class<?> command = loader.loadClass(SPOOL_COMMAND_CLASS);
            return (Integer) command.getMethod("run", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            System.err.println("remora: spool command failed: " + e.getCause());
        } catch (Throwable t) {
            System.err.println("remora: spool command failed: " + t);
        }
        return 1;
    }

    private static void start(String arguments, Instrumentation instrumentation) {
        try {
            if (!STARTED.compareAndSet(false, true)) {
                System.err.println("remora: already running in this JVM; not started again");
                return;
            }
            AgentClassLoader loader = new AgentClassLoader(agentJar());
            Class<?> agent = loader.loadClass(AGENT_CLASS);
            agent.getMethod("start", String.class, Instrumentation.class).invoke(null, arguments, instrumentation);
        } catch (InvocationTargetException e) {
            System.err.println("remora: agent not started: " + e.getCause());
        } catch (Throwable t) {
            System.err.println("remora: agent not started: " + t);
        }
    }

    static Path agentJar() {
        try {
            return Paths.get(RemoraAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            throw new IllegalStateException("cannot locate the agent jar: " + e, e);
        }
    }
}
