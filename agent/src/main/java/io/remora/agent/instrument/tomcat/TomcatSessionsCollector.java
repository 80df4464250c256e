package io.remora.agent.instrument.tomcat;

import io.remora.agent.instrument.GetterGauges;
import io.remora.bootstrap.WeakInstances;

/**
 * Each interval, Tomcat's session managers that are started, as Micrometer's {@code TomcatMetrics}
 * writes their sessions (Spring Boot binds it without tags, so no labels): current and most active
 * sessions, sessions created, expired and rejected, and the longest a session lived.
 */
final class TomcatSessionsCollector extends GetterGauges {

    private static final String STARTED = "STARTED";

    TomcatSessionsCollector() {
        super("Tomcat session manager", WeakInstances.of(TomcatSessionsModule.MANAGER_BASE),
                new String[] {
                    "tomcat_sessions_active_current_sessions", "tomcat_sessions_active_max_sessions",
                    "tomcat_sessions_created_sessions_total", "tomcat_sessions_expired_sessions_total",
                    "tomcat_sessions_rejected_sessions_total", "tomcat_sessions_alive_max_seconds"
                },
                new String[] {
                    "getActiveSessions", "getMaxActive", "getSessionCounter", "getExpiredSessions",
                    "getRejectedSessions", "getSessionMaxAliveTime"
                },
                new boolean[] {false, true, false, false, false, true});
    }

    /** A manager is read while its lifecycle is started (its context serves). */
    @Override
    protected Object readable(Object manager) throws ReflectiveOperationException {
        return STARTED.equals(manager.getClass().getMethod("getStateName").invoke(manager)) ? manager : null;
    }
}
