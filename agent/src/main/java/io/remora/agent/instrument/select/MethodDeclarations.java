package io.remora.agent.instrument.select;

import java.util.Set;

/** The names of the methods a class declares, asked of a class file or of a loaded class. */
interface MethodDeclarations {

    boolean declaresMethodNamed(Set<String> names);
}
