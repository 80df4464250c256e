package io.remora.agent.instrument;

import io.remora.agent.collect.PeriodicCollector;
import java.util.List;

/**
 * One instrumentation (HTTP server, JDBC, ...): the classes it changes and how, switched by
 * {@code remora.instrumentation.<name>.enabled}. Its advice calls static hooks in {@code bootstrap/}
 * and nothing of the agent's, since it runs inside the application's classes. A module is built at
 * build time (for the catalog's match table) and on the agent's install thread: its constructor and
 * {@link #types()} touch neither Byte Buddy nor {@code bootstrap/} (whose classes only exist once the
 * agent thread has defined them in the bootstrap loader).
 */
public interface InstrumentationModule {

    /** The {@code <name>} of its switch. */
    String name();

    /** The kinds of class it changes. */
    List<TypeInstrumentation> types();

    /**
     * What it polls each interval besides its meters (executor pools), or null; asked once, on the
     * agent thread, after the bootstrap classes are defined.
     */
    default PeriodicCollector collector() {
        return null;
    }
}
