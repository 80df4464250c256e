package io.remora.agent.instrument.inline;

import java.util.HashMap;
import java.util.Map;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.Attribute;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.TypePath;

/**
 * Copies the code of one advice method into the method it is inlined into: a read of a parameter
 * becomes what the parameter is bound to, the advice's own locals move above the method's, a return
 * stores the enter advice's value and jumps to the end of the inlined code, and each stack map frame
 * gets the method's locals in front of the advice's own. Line numbers and local variable names are
 * left out: they would point into the advice's source.
 */
final class AdviceCopier extends MethodVisitor {

    /** Loads and stores what the advice's parameters are bound to. */
    interface Bindings {
        void load(Binding binding);

        void store(Binding binding);
    }

    private final AdviceMethod advice;
    private final Layout layout;
    private final int phase;
    private final Bindings bindings;
    private final Label done;
    private final boolean frames;
    private final int parameterSlots;
    private final Map<Label, Label> labels = new HashMap<>();

    /**
     * @param target where the code goes
     * @param phase the {@link Layout} phase the advice runs at
     * @param done where a return jumps to
     * @param frames whether the method's class file has stack map frames
     */
    AdviceCopier(MethodVisitor target, AdviceMethod advice, Layout layout, int phase, Bindings bindings, Label done,
            boolean frames) {
        super(Inliner.ASM_API, target);
        this.advice = advice;
        this.layout = layout;
        this.phase = phase;
        this.bindings = bindings;
        this.done = done;
        this.frames = frames;
        this.parameterSlots = advice.parameterSlots();
    }

    private Label label(Label adviceLabel) {
        return labels.computeIfAbsent(adviceLabel, l -> new Label());
    }

    private Label[] labels(Label[] adviceLabels) {
        Label[] mapped = new Label[adviceLabels.length];
        for (int i = 0; i < mapped.length; i++) {
            mapped[i] = label(adviceLabels[i]);
        }
        return mapped;
    }

    private int moved(int slot) {
        return layout.adviceLocalsBase() + slot - parameterSlots;
    }

    @Override
    public void visitVarInsn(int opcode, int slot) {
        if (slot >= parameterSlots) {
            super.visitVarInsn(opcode, moved(slot));
        } else if (opcode >= Opcodes.ISTORE && opcode <= Opcodes.ASTORE) {
            bindings.store(advice.bindingAt(slot));
        } else if (opcode == Opcodes.RET) {
            throw new IllegalStateException("advice " + advice.name + " returns from a subroutine in a parameter");
        } else {
            bindings.load(advice.bindingAt(slot));
        }
    }

    @Override
    public void visitIincInsn(int slot, int increment) {
        if (slot >= parameterSlots) {
            super.visitIincInsn(moved(slot), increment);
        } else {
            Binding binding = advice.bindingAt(slot);
            bindings.load(binding);
            super.visitLdcInsn(increment);
            super.visitInsn(Opcodes.IADD);
            bindings.store(binding);
        }
    }

    @Override
    public void visitInsn(int opcode) {
        if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
            if (opcode != Opcodes.RETURN) {
                super.visitVarInsn(advice.returnType().getOpcode(Opcodes.ISTORE), layout.enterValue().slot);
            }
            super.visitJumpInsn(Opcodes.GOTO, done);
        } else {
            super.visitInsn(opcode);
        }
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        if (!frames) {
            return;
        }
        // the advice's frames list its parameters first: they are bound, not in slots of their own
        int entry = Layout.entriesCovering(parameterSlots, numLocal, local);
        Object[] ownLocals = new Object[numLocal - entry];
        for (int i = 0; i < ownLocals.length; i++) {
            ownLocals[i] = frameValue(local[entry + i]);
        }
        Object[] mappedStack = new Object[numStack];
        for (int i = 0; i < numStack; i++) {
            mappedStack[i] = frameValue(stack[i]);
        }
        Object[] locals = layout.frameLocals(phase, ownLocals);
        super.visitFrame(Opcodes.F_NEW, locals.length, locals, numStack, mappedStack);
    }

    private Object frameValue(Object value) {
        return value instanceof Label ? label((Label) value) : value; // an uninitialized value: its NEW's label
    }

    @Override
    public void visitLabel(Label label) {
        super.visitLabel(label(label));
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        super.visitJumpInsn(opcode, label(label));
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... cases) {
        super.visitTableSwitchInsn(min, max, label(dflt), labels(cases));
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] cases) {
        super.visitLookupSwitchInsn(label(dflt), keys, labels(cases));
    }

    @Override
    public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
        super.visitTryCatchBlock(label(start), label(end), label(handler), type);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
        throw new IllegalStateException("advice " + advice.name + " uses invokedynamic, which cannot be inlined");
    }

    // what describes the advice method itself, not code to copy

    @Override
    public void visitCode() {
    }

    @Override
    public void visitLineNumber(int line, Label start) {
    }

    @Override
    public void visitLocalVariable(String name, String descriptor, String signature, Label start, Label end,
            int index) {
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
    }

    @Override
    public void visitEnd() {
    }

    @Override
    public void visitParameter(String name, int access) {
    }

    @Override
    public AnnotationVisitor visitAnnotationDefault() {
        return null;
    }

    @Override
    public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
        return null;
    }

    @Override
    public void visitAnnotableParameterCount(int parameterCount, boolean visible) {
    }

    @Override
    public AnnotationVisitor visitParameterAnnotation(int parameter, String descriptor,
            boolean visible) {
        return null;
    }

    @Override
    public AnnotationVisitor visitTypeAnnotation(int typeRef,
            TypePath typePath, String descriptor, boolean visible) {
        return null;
    }

    @Override
    public AnnotationVisitor visitInsnAnnotation(int typeRef,
            TypePath typePath, String descriptor, boolean visible) {
        return null;
    }

    @Override
    public AnnotationVisitor visitTryCatchAnnotation(int typeRef,
            TypePath typePath, String descriptor, boolean visible) {
        return null;
    }

    @Override
    public AnnotationVisitor visitLocalVariableAnnotation(int typeRef,
            TypePath typePath, Label[] start, Label[] end, int[] index, String descriptor,
            boolean visible) {
        return null;
    }

    @Override
    public void visitAttribute(Attribute attribute) {
    }
}
