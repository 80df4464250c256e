package io.remora.agent.instrument.select;

/** The names of the methods a class declares, asked of a class file or of a loaded class. */
interface MethodDeclarations {

    boolean declaresAny(MethodNames names);
}
