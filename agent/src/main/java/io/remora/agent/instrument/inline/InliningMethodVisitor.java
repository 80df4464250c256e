package io.remora.agent.instrument.inline;

import io.remora.agent.instrument.inline.Layout.Extra;
import java.util.Map;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.jar.asm.TypePath;

/**
 * Inlines one advice class into one method as it passes from the class reader to the writer: the
 * enter advice before the method's first instruction, and the exit advice where every return now
 * jumps to, and, with {@code onThrowable}, where a handler around the whole method goes once the
 * method throws. The method's own locals move up to make room (see {@link Layout}); its exception
 * handlers keep precedence over the one added, which is registered after them.
 */
final class InliningMethodVisitor extends MethodVisitor {

    private final AdviceClass advice;
    private final Layout layout;
    private final ClassHierarchy hierarchy;
    private final boolean frames;
    private final Label bodyStart = new Label();
    private final Label bodyEnd = new Label();
    private final Label handler = new Label();
    private final Label exit = new Label();
    private boolean started;
    /** What is on the operand stack: a return leaves only its value there once the method's code is done. */
    private final OperandStack stack;

    InliningMethodVisitor(MethodVisitor target, int access, String name, String descriptor, String owner,
            AdviceClass advice, ClassHierarchy hierarchy, boolean frames) {
        super(Inliner.ASM_API, new OperandStack(target));
        this.stack = (OperandStack) mv;
        this.advice = advice;
        this.layout = new Layout(owner, access, name, descriptor, advice.enter, advice.exit);
        this.hierarchy = hierarchy;
        this.frames = frames;
        if (layout.isConstructor && advice.exit != null && advice.exit.onThrowable != null) {
            throw new IllegalStateException(advice.name + ": a constructor cannot catch what its super call throws");
        }
    }

    /** Before the method's first instruction, and after its exception handlers are registered. */
    private void start() {
        if (started) {
            return;
        }
        started = true;
        for (Extra local : layout.locals()) {
            storeDefault(local);
        }
        if (advice.enter != null) {
            inline(advice.enter, Layout.ENTER);
        }
        for (Map.Entry<Integer, Extra> copy : layout.argumentCopies().entrySet()) {
            Type type = layout.arguments[copy.getKey()];
            super.visitVarInsn(type.getOpcode(Opcodes.ILOAD), layout.argumentSlot(copy.getKey()));
            super.visitVarInsn(type.getOpcode(Opcodes.ISTORE), copy.getValue().slot);
        }
        if (advice.exit != null && advice.exit.onThrowable != null) {
            super.visitTryCatchBlock(bodyStart, bodyEnd, handler, advice.exit.onThrowable);
        }
        super.visitLabel(bodyStart);
    }

    /** Copies {@code method}'s code here, inside a handler that swallows what it may {@code suppress}. */
    private void inline(AdviceMethod method, int phase) {
        Label start = new Label();
        Label end = new Label();
        Label suppressed = new Label();
        Label done = new Label();
        super.visitLabel(start);
        BindingCode bindings = new BindingCode(mv, layout, hierarchy, advice.name, method.exit);
        MethodVisitor copier = new AdviceCopier(mv, method, layout, phase, bindings, done, frames);
        new ClassReader(advice.classFile).accept(new ClassVisitor(Inliner.ASM_API) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                return name.equals(method.name) && descriptor.equals(method.descriptor) ? copier : null;
            }
        }, ClassReader.SKIP_DEBUG | (frames ? ClassReader.EXPAND_FRAMES : ClassReader.SKIP_FRAMES));
        super.visitLabel(end);
        if (method.suppressed != null) {
            // after the advice's own handlers, which the JVM must find first
            super.visitTryCatchBlock(start, end, suppressed, method.suppressed);
            super.visitLabel(suppressed);
            frame(phase, new Object[] {method.suppressed});
            super.visitInsn(Opcodes.POP);
            if (!method.exit && layout.enterValue() != null) {
                storeDefault(layout.enterValue());
            }
        }
        super.visitLabel(done);
        frame(phase == Layout.ENTER ? Layout.AFTER_ENTER : phase, new Object[0]);
        super.visitInsn(Opcodes.NOP); // the method's own first frame may follow: two frames cannot share an offset
    }

    /** The zero, false or null of the slot's type into it. */
    private void storeDefault(Extra extra) {
        BindingCode.pushDefault(mv, extra.type);
        super.visitVarInsn(extra.type.getOpcode(Opcodes.ISTORE), extra.slot);
    }

    private void frame(int phase, Object[] stack) {
        if (frames) {
            Object[] locals = layout.frameLocals(phase, new Object[0]);
            super.visitFrame(Opcodes.F_NEW, locals.length, locals, stack.length, stack);
        }
    }

    @Override
    public void visitInsn(int opcode) {
        start();
        if (advice.exit != null && opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
            if (layout.returned() != null) {
                super.visitVarInsn(layout.returnType.getOpcode(Opcodes.ISTORE), layout.returned().slot);
            }
            // javac returns from an otherwise empty stack, other compilers not always (Kotlin's inlined
            // non-local returns); the exit block is reached with an empty one
            stack.drain();
            if (layout.thrown() != null) {
                super.visitInsn(Opcodes.ACONST_NULL);
                super.visitVarInsn(Opcodes.ASTORE, layout.thrown().slot);
            }
            super.visitJumpInsn(Opcodes.GOTO, exit);
        } else {
            super.visitInsn(opcode);
        }
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        start();
        if (advice.exit != null) {
            super.visitLabel(bodyEnd);
            Extra returned = layout.returned();
            if (layout.thrown() != null) {
                super.visitLabel(handler);
                frame(Layout.BODY, new Object[] {advice.exit.onThrowable});
                super.visitVarInsn(Opcodes.ASTORE, layout.thrown().slot);
                if (returned != null) {
                    storeDefault(returned);
                }
            }
            super.visitLabel(exit);
            frame(Layout.EXIT, new Object[0]);
            super.visitInsn(Opcodes.NOP);
            inline(advice.exit, Layout.EXIT);
            if (layout.thrown() != null) {
                Label returns = new Label();
                super.visitVarInsn(Opcodes.ALOAD, layout.thrown().slot);
                super.visitJumpInsn(Opcodes.IFNULL, returns);
                super.visitVarInsn(Opcodes.ALOAD, layout.thrown().slot);
                super.visitInsn(Opcodes.ATHROW);
                super.visitLabel(returns);
                frame(Layout.EXIT, new Object[0]);
            }
            if (returned != null) {
                super.visitVarInsn(returned.type.getOpcode(Opcodes.ILOAD), returned.slot);
            }
            super.visitInsn(layout.returnType.getOpcode(Opcodes.IRETURN));
        }
        int adviceStack = 0;
        int adviceLocals = 0;
        for (AdviceMethod method : new AdviceMethod[] {advice.enter, advice.exit}) {
            if (method != null) {
                adviceStack = Math.max(adviceStack, method.maxStack + 1); // + 1: this, under a field read
                adviceLocals = Math.max(adviceLocals, method.maxLocals - method.parameterSlots());
            }
        }
        super.visitMaxs(Math.max(Math.max(maxStack, adviceStack), 2),
                Math.max(maxLocals + layout.extraSlots(), layout.adviceLocalsBase() + adviceLocals));
    }

    // the method's own code: locals moved up, frames given the extras, the advice in front

    @Override
    public void visitVarInsn(int opcode, int slot) {
        start();
        super.visitVarInsn(opcode, layout.moved(slot));
    }

    @Override
    public void visitIincInsn(int slot, int increment) {
        start();
        super.visitIincInsn(layout.moved(slot), increment);
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        start();
        if (frames) {
            Object[] locals = layout.bodyFrameLocals(numLocal, local);
            super.visitFrame(Opcodes.F_NEW, locals.length, locals, numStack, stack);
        }
    }

    @Override
    public void visitLocalVariable(String name, String descriptor, String signature, Label start, Label end,
            int index) {
        super.visitLocalVariable(name, descriptor, signature, start, end, layout.moved(index));
    }

    @Override
    public AnnotationVisitor visitLocalVariableAnnotation(int typeRef, TypePath typePath,
            Label[] start, Label[] end, int[] index, String descriptor, boolean visible) {
        int[] moved = new int[index.length];
        for (int i = 0; i < index.length; i++) {
            moved[i] = layout.moved(index[i]);
        }
        return super.visitLocalVariableAnnotation(typeRef, typePath, start, end, moved, descriptor, visible);
    }

    @Override
    public void visitLabel(Label label) {
        start();
        super.visitLabel(label);
    }

    @Override
    public void visitLineNumber(int line, Label start) {
        start();
        super.visitLineNumber(line, start);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        start();
        super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        start();
        super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        start();
        super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        start();
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
        start();
        super.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        start();
        super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitLdcInsn(Object value) {
        start();
        super.visitLdcInsn(value);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        start();
        super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        start();
        super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
        start();
        super.visitMultiANewArrayInsn(descriptor, numDimensions);
    }
}
