package io.remora.agent.instrument;

import io.remora.agent.instrument.select.ClassMatch;

/**
 * One kind of class an instrumentation changes, in two halves that run at different times:
 * {@link #classes()} decides for every loading class, without Byte Buddy (read at build into the
 * catalog's match table, which premain uses; the methods module's in premain itself);
 * {@link #advice()} is built later on the agent's thread and inlined by the agent's
 * {@link io.remora.agent.instrument.inline.Inliner} only into the classes chosen. Implementations keep
 * Byte Buddy's matchers out of their fields and constructors, so that building them loads none of it.
 */
public interface TypeInstrumentation {

    /** Which classes. */
    ClassMatch classes();

    /** How they change: advice on some of their methods. */
    MethodAdvice advice();
}
