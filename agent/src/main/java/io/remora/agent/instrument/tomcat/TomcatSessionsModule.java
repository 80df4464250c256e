package io.remora.agent.instrument.tomcat;

import io.remora.agent.instrument.InstancesModule;
import io.remora.agent.collect.PeriodicCollector;

/**
 * Tomcat's sessions (9, 10 and 11), under the {@code http-server} switch: every session manager
 * registers at the end of {@code ManagerBase}'s constructor (which every manager of Tomcat's
 * extends), and {@link TomcatSessionsCollector} reads them each interval.
 */
public final class TomcatSessionsModule extends InstancesModule {

    static final String MANAGER_BASE = "org.apache.catalina.session.ManagerBase";

    public TomcatSessionsModule() {
        super("http-server", MANAGER_BASE);
    }

    @Override
    public PeriodicCollector collector() {
        return new TomcatSessionsCollector();
    }
}
