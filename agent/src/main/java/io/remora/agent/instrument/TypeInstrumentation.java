package io.remora.agent.instrument;

import io.remora.agent.instrument.select.ClassMatch;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * One kind of class an instrumentation changes, in two halves that run at different times:
 * {@link #classes()} is read in premain and decides for every loading class, without Byte Buddy;
 * {@link #transformer()} is built later on the agent's thread and applied by Byte Buddy only to the
 * classes chosen. Implementations keep Byte Buddy out of their fields and constructors, so that
 * premain loads none of it.
 */
public interface TypeInstrumentation {

    /** Which classes. */
    ClassMatch classes();

    /** How they change: advice on some of their methods. */
    AgentBuilder.Transformer transformer();
}
