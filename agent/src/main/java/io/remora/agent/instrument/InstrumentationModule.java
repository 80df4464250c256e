package io.remora.agent.instrument;

import java.util.Collections;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * One instrumentation (HTTP server, JDBC, ...): the types it matches and the advice it weaves,
 * switched by {@code remora.instrumentation.<name>.enabled}. Its advice calls static hooks in
 * {@code bootstrap/} and nothing of the agent's, since it runs inside the application's classes.
 */
public interface InstrumentationModule {

    /** The {@code <name>} of its switch. */
    String name();

    /** Adds this module's {@code type(...).transform(...)} rules. */
    AgentBuilder extend(AgentBuilder builder);

    /**
     * Name prefixes of the JDK classes this module instruments. Every other class of the bootstrap
     * and platform loaders is ignored before any matcher runs.
     */
    default List<String> jdkTypes() {
        return Collections.emptyList();
    }

    /** What it polls each interval besides its meters (executor pools), or null. */
    default PeriodicCollector collector() {
        return null;
    }
}
