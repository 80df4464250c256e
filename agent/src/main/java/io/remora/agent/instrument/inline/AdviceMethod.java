package io.remora.agent.instrument.inline;

import net.bytebuddy.jar.asm.Type;

/**
 * One {@code @Advice.OnMethodEnter} or {@code @Advice.OnMethodExit} method of an advice class: its
 * parameters' bindings and how failures are handled, read from its annotations; its code is read
 * again from the advice's class file each time it is inlined.
 */
final class AdviceMethod {

    final String name;
    final String descriptor;
    final boolean exit;
    final Binding[] parameters;
    /** The exception type whose throwing out of the advice is swallowed ({@code suppress}), or null. */
    final String suppressed;
    /** Exit advice: the exception type that also runs it when the method throws ({@code onThrowable}), or null. */
    final String onThrowable;
    /** The operand stack and local variable slots its own code needs. */
    final int maxStack;
    final int maxLocals;

    AdviceMethod(String name, String descriptor, boolean exit, Binding[] parameters, String suppressed,
            String onThrowable, int maxStack, int maxLocals) {
        this.name = name;
        this.descriptor = descriptor;
        this.exit = exit;
        this.parameters = parameters;
        this.suppressed = suppressed;
        this.onThrowable = onThrowable;
        this.maxStack = maxStack;
        this.maxLocals = maxLocals;
    }

    Type returnType() {
        return Type.getReturnType(descriptor);
    }

    /** The local variable slots the advice's parameters take in its own code. */
    int parameterSlots() {
        return (Type.getArgumentsAndReturnSizes(descriptor) >> 2) - 1;
    }

    /** The binding of the parameter in slot {@code slot} of the advice's own code. */
    Binding bindingAt(int slot) {
        int next = 0;
        for (Binding parameter : parameters) {
            if (slot == next) {
                return parameter;
            }
            next += parameter.type.getSize();
        }
        throw new IllegalStateException("no parameter of " + name + descriptor + " at slot " + slot);
    }
}
