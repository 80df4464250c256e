package io.remora.agent.boot;

import com.sun.tools.attach.VirtualMachine;
import java.nio.file.Path;
import java.util.Arrays;

/** Loads the agent jar into a running JVM through the Attach API (module jdk.attach). */
final class Attacher {

    private static final String USAGE = "usage: java -jar remora-agent.jar attach <pid> [key=value ...]\n"
            + "       java -jar remora-agent.jar spool <dir> [--dump]";

    private Attacher() {
    }

    /** @return the process exit code: 0 attached, 1 attach failed, 2 bad usage */
    static int run(String[] args, Path agentJar) {
        if (args.length < 2 || !args[0].equals("attach") || !args[1].matches("[0-9]+")) {
            System.err.println(USAGE);
            return 2;
        }
        String settings = String.join(",", Arrays.asList(args).subList(2, args.length));
        try {
            VirtualMachine vm = VirtualMachine.attach(args[1]);
            try {
                vm.loadAgent(agentJar.toString(), settings.isEmpty() ? null : settings);
            } finally {
                vm.detach();
            }
            System.out.println("remora: attached to " + args[1]);
            return 0;
        } catch (Exception e) {
            System.err.println("remora: cannot attach to " + args[1] + ": " + e);
            return 1;
        } catch (NoClassDefFoundError e) {
            System.err.println("remora: this Java runtime has no Attach API (module jdk.attach); use a JDK");
            return 1;
        }
    }
}
