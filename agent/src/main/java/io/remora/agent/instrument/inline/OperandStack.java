package io.remora.agent.instrument.inline;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * The sizes (one slot or two) of the values on the operand stack as a method's instructions pass
 * through to the writer, so that a return can leave nothing but its value before it jumps to the exit
 * advice: javac returns from an otherwise empty stack, other compilers not always (Kotlin's inlined
 * non-local returns). Each instruction pops and pushes what it does; a jump target and a switch case
 * get the state of their jump, a handler one reference, and an unconditional transfer leaves the
 * stack empty, which a loop's head (reached backwards) has in the code compilers write. Where dead
 * code pops more than there is, the stack stays empty. The same model as Byte Buddy's
 * {@code StackAwareMethodVisitor}, which its {@code Advice} drains returns with (the tests compare the
 * two on every return of real libraries), without Byte Buddy's type descriptions it needs.
 */
final class OperandStack extends MethodVisitor {

    private int[] sizes = new int[16];
    private int depth;
    private final Map<Label, int[]> atLabel = new HashMap<>();

    OperandStack(MethodVisitor target) {
        super(Inliner.ASM_API, target);
    }

    /** The sizes from the bottom of the stack up: a copy, as a jump target keeps it. */
    int[] sizes() {
        return Arrays.copyOf(sizes, depth);
    }

    /** Pops every value on the stack, in the writer only: the caller's next instruction does not fall through. */
    void drain() {
        for (int i = depth - 1; i >= 0; i--) {
            mv.visitInsn(sizes[i] == 2 ? Opcodes.POP2 : Opcodes.POP);
        }
        depth = 0;
    }

    @Override
    public void visitInsn(int opcode) {
        switch (opcode) {
            case Opcodes.IRETURN: case Opcodes.LRETURN: case Opcodes.FRETURN: case Opcodes.DRETURN:
            case Opcodes.ARETURN: case Opcodes.RETURN: case Opcodes.ATHROW:
                depth = 0;
                break;
            case Opcodes.DUP_X1:
                insert(1, 2);
                break;
            case Opcodes.DUP_X2:
                insert(1, 3);
                break;
            case Opcodes.DUP2_X1:
                insert(2, 3);
                break;
            case Opcodes.DUP2_X2:
                insert(2, 4);
                break;
            case Opcodes.L2I: case Opcodes.L2F: case Opcodes.D2I: case Opcodes.D2F:
                replaceTop(2, 1);
                break;
            case Opcodes.I2L: case Opcodes.I2D: case Opcodes.F2L: case Opcodes.F2D:
                replaceTop(1, 2);
                break;
            case Opcodes.LALOAD: case Opcodes.DALOAD:
                replaceTop(2, 2); // an array and an index for one wide value
                break;
            default:
                change(SlotChange.of(opcode));
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        change(SlotChange.of(opcode));
        super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
        if (opcode == Opcodes.RET) {
            depth = 0;
        } else {
            change(SlotChange.of(opcode));
        }
        super.visitVarInsn(opcode, varIndex);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        change(SlotChange.of(opcode));
        super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        int size = Type.getType(descriptor).getSize();
        switch (opcode) {
            case Opcodes.GETSTATIC:
                push(size);
                break;
            case Opcodes.PUTSTATIC:
                pop(size);
                break;
            case Opcodes.GETFIELD:
                replaceTop(1, size);
                break;
            default: // PUTFIELD
                pop(size + 1);
        }
        super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        invoke(descriptor, opcode != Opcodes.INVOKESTATIC);
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrapMethodHandle,
            Object... bootstrapMethodArguments) {
        invoke(descriptor, false);
        super.visitInvokeDynamicInsn(name, descriptor, bootstrapMethodHandle, bootstrapMethodArguments);
    }

    /** Pops the arguments (and the receiver), pushes the result. */
    private void invoke(String descriptor, boolean receiver) {
        int argumentsAndReturn = Type.getArgumentsAndReturnSizes(descriptor);
        // the arguments' slots count the receiver already: take it away where there is none
        pop((argumentsAndReturn >> 2) - (receiver ? 0 : 1));
        push(argumentsAndReturn & 0x3);
    }

    @Override
    public void visitLdcInsn(Object value) {
        push(value instanceof Long || value instanceof Double ? 2 : 1);
        super.visitLdcInsn(value);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
        replaceTop(numDimensions, 1);
        super.visitMultiANewArrayInsn(descriptor, numDimensions);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        if (opcode == Opcodes.JSR) {
            // the subroutine starts with its return address on the stack; the caller resumes without it
            push(1);
            atLabel.put(label, sizes());
            pop(1);
        } else {
            change(SlotChange.of(opcode));
            atLabel.put(label, sizes());
            if (opcode == Opcodes.GOTO) {
                depth = 0;
            }
        }
        super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        switchTo(dflt, labels);
        super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        switchTo(dflt, labels);
        super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    private void switchTo(Label dflt, Label[] labels) {
        pop(1);
        int[] state = sizes();
        atLabel.put(dflt, state);
        for (Label label : labels) {
            atLabel.put(label, state);
        }
    }

    @Override
    public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
        atLabel.put(handler, new int[] {1});
        super.visitTryCatchBlock(start, end, handler, type);
    }

    @Override
    public void visitLabel(Label label) {
        int[] state = atLabel.get(label);
        if (state != null) {
            sizes = Arrays.copyOf(state, Math.max(state.length, 16));
            depth = state.length;
        }
        super.visitLabel(label);
    }

    private void change(int slots) {
        if (slots > 0) {
            push(slots);
        } else {
            pop(-slots);
        }
    }

    /** Pops values covering {@code slots}; a wide value half taken leaves its other half. */
    private void pop(int slots) {
        int left = slots;
        while (left > 0 && depth > 0) {
            left -= sizes[--depth];
        }
        if (left < 0) {
            push(-left);
        }
    }

    private void push(int size) {
        if (size == 0) {
            return;
        }
        if (depth == sizes.length) {
            sizes = Arrays.copyOf(sizes, depth * 2);
        }
        sizes[depth++] = size;
    }

    private void replaceTop(int poppedSlots, int pushedSize) {
        pop(poppedSlots);
        push(pushedSize);
    }

    /** A copy of the top {@code size} slots goes below the top {@code belowSlots} (the dup_x forms). */
    private void insert(int size, int belowSlots) {
        int position = depth;
        int covered = 0;
        while (covered < belowSlots && position > 0) {
            covered += sizes[--position];
        }
        if (covered != belowSlots && position > 0) {
            throw new IllegalStateException("a dup_x instruction splits a wide value on the operand stack");
        }
        push(size); // grows the array
        System.arraycopy(sizes, position, sizes, position + 1, depth - 1 - position);
        sizes[position] = size;
    }
}
