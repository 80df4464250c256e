package io.remora.exporter.spool;

import java.lang.management.ManagementFactory;

/** This process's id, read so that no executor class is loaded on the way. */
public final class ProcessId {

    private ProcessId() {
    }

    /**
     * The runtime's name, {@code pid@host} on every JVM we know of. Not ProcessHandle (nor
     * RuntimeMXBean.getPid, which calls it): its class builds the JDK's process-reaper thread pool,
     * and the agent's thread would then be the one that loads the executor classes, before their
     * advice is in place, so that pools the application builds first are not seen as built.
     */
    public static String current() {
        String name = ManagementFactory.getRuntimeMXBean().getName();
        int at = name.indexOf('@');
        return at > 0 ? name.substring(0, at) : name;
    }
}
