package io.remora.agent;

import io.remora.exporter.spool.ProcessId;
import java.net.InetAddress;

/** The default {@code instance} label: {@code host:pid}. Resolving the host may be slow: agent thread only. */
final class ProcessIdentity {

    private ProcessIdentity() {
    }

    static String hostAndPid() {
        return hostName() + ":" + ProcessId.current();
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
