package io.remora.agent.instrument.inline;

import net.bytebuddy.jar.asm.Type;

/** A method as a class file declares it: all that {@link MethodMatcher}s look at. */
public final class MethodEntry {

    private final String declaringClass;
    private final int access;
    private final String name;
    private final String descriptor;
    private Type[] arguments;

    /** @param declaringClass the binary name, {@code a.b.Outer$Inner} */
    public MethodEntry(String declaringClass, int access, String name, String descriptor) {
        this.declaringClass = declaringClass;
        this.access = access;
        this.name = name;
        this.descriptor = descriptor;
    }

    public String declaringClass() {
        return declaringClass;
    }

    public String name() {
        return name;
    }

    boolean has(int accessFlag) {
        return (access & accessFlag) != 0;
    }

    boolean isConstructor() {
        return name.equals("<init>");
    }

    boolean isTypeInitializer() {
        return name.equals("<clinit>");
    }

    Type[] arguments() {
        if (arguments == null) {
            arguments = Type.getArgumentTypes(descriptor);
        }
        return arguments;
    }

    @Override
    public String toString() {
        return declaringClass + "." + name + descriptor;
    }
}
