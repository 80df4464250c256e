package io.remora.agent;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;

/** The default {@code instance} label: {@code host:pid}. Resolving the host may be slow: agent thread only. */
final class ProcessIdentity {

    private ProcessIdentity() {
    }

    static String hostAndPid() {
        return hostName() + ":" + pid();
    }

    /**
     * The runtime's name, {@code pid@host} on every JVM we know of. Not ProcessHandle (nor
     * RuntimeMXBean.getPid, which calls it): its class builds the JDK's process-reaper thread pool,
     * and the agent's thread would then be the one that loads the executor classes, unmeasured.
     */
    private static String pid() {
        String name = ManagementFactory.getRuntimeMXBean().getName();
        int at = name.indexOf('@');
        return at > 0 ? name.substring(0, at) : name;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            String fromEnvironment = System.getenv("HOSTNAME");
            return fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment : "localhost";
        }
    }
}
