package io.remora.agent.instrument.jetty;

import io.remora.agent.instrument.InstancesModule;
import io.remora.agent.collect.PeriodicCollector;

/**
 * Jetty's server thread pool (9.4 to 12), under the {@code executor} switch: every
 * {@code org.eclipse.jetty.server.Server} registers at the end of its constructors (those that call
 * another register once), and {@link JettyThreadsCollector} reads its pool each interval: the
 * server's pool, as Micrometer's binder in Spring Boot reads it, not a Jetty client's. The pool is
 * also measured as an {@code executor_*} pool, by the executor module.
 */
public final class JettyThreadsModule extends InstancesModule {

    static final String SERVER = "org.eclipse.jetty.server.Server";

    public JettyThreadsModule() {
        super("executor", SERVER);
    }

    @Override
    public PeriodicCollector collector() {
        return new JettyThreadsCollector();
    }
}
