package io.remora.agent.instrument.inline;

import net.bytebuddy.jar.asm.Type;

/**
 * What one parameter of an advice method stands for in the method it is inlined into, as its
 * {@code @Advice} annotation says: the instance, an argument, the return value, the exception, the
 * enter advice's value, a local shared by enter and exit, a field or the method's name.
 */
final class Binding {

    enum Kind { THIS, ARGUMENT, RETURN, THROWN, ENTER, LOCAL, FIELD, ORIGIN }

    final Kind kind;
    /** The advice parameter's type: what the bound value must be assignable to. */
    final Type type;
    /** ARGUMENT: the instrumented method's argument index. */
    final int index;
    /** LOCAL and FIELD: the name; ORIGIN: the pattern ({@code #m}, {@code #t}, {@code #d}). */
    final String name;
    /** ARGUMENT and LOCAL: the advice may assign it. */
    final boolean writable;
    /** ARGUMENT: a method with fewer arguments gets the type's default value instead of being refused. */
    final boolean optional;

    Binding(Kind kind, Type type, int index, String name, boolean writable, boolean optional) {
        this.kind = kind;
        this.type = type;
        this.index = index;
        this.name = name;
        this.writable = writable;
        this.optional = optional;
    }
}
