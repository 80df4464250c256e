package io.remora.agent.instrument.inline;

import io.remora.agent.instrument.inline.Layout.Extra;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * The code that reads, or for a writable parameter assigns, what an advice parameter is bound to in
 * the method the advice is inlined into: its instance, an argument (in exit advice, the copy taken
 * once the enter advice ran), the return value, the exception, the enter advice's value, a named
 * local, a field, the method's name. What the advice cannot take (a value of another type, an argument
 * the method lacks) is refused here, and the class is then left as it was.
 */
final class BindingCode implements AdviceCopier.Bindings {

    private final MethodVisitor target;
    private final Layout layout;
    private final ClassHierarchy hierarchy;
    private final String adviceName;
    private final String ownerName;
    /** Bindings for the exit advice: arguments come from their copies, and a constructor's instance is built. */
    private final boolean exit;

    BindingCode(MethodVisitor target, Layout layout, ClassHierarchy hierarchy, String adviceName, boolean exit) {
        this.target = target;
        this.layout = layout;
        this.hierarchy = hierarchy;
        this.adviceName = adviceName;
        this.ownerName = layout.owner.replace('/', '.');
        this.exit = exit;
    }

    @Override
    public void load(Binding binding) {
        switch (binding.kind) {
            case THIS:
                requireInstance(binding);
                target.visitVarInsn(Opcodes.ALOAD, 0);
                return;
            case ARGUMENT:
                if (binding.index >= layout.arguments.length) {
                    if (!binding.optional) {
                        throw new IllegalStateException(where() + " has no argument " + binding.index);
                    }
                    pushDefault(target, binding.type);
                    return;
                }
                Type argument = layout.arguments[binding.index];
                requireAssignable(argument, binding.type, "argument " + binding.index);
                Extra copy = exit ? layout.argumentCopy(binding.index) : null;
                target.visitVarInsn(argument.getOpcode(Opcodes.ILOAD),
                        copy != null ? copy.slot : layout.argumentSlot(binding.index));
                return;
            case RETURN:
                if (layout.returned() == null) {
                    throw new IllegalStateException(where() + " returns nothing for @Advice.Return");
                }
                requireAssignable(layout.returnType, binding.type, "the return value");
                target.visitVarInsn(layout.returnType.getOpcode(Opcodes.ILOAD), layout.returned().slot);
                return;
            case THROWN:
                if (layout.thrown() == null) {
                    target.visitInsn(Opcodes.ACONST_NULL); // exit advice that does not run on exceptions sees none
                } else {
                    target.visitVarInsn(Opcodes.ALOAD, layout.thrown().slot);
                }
                return;
            case ENTER:
                Extra enterValue = layout.enterValue();
                requireAssignable(enterValue.type, binding.type, "the enter advice's value");
                target.visitVarInsn(enterValue.type.getOpcode(Opcodes.ILOAD), enterValue.slot);
                return;
            case LOCAL:
                target.visitVarInsn(binding.type.getOpcode(Opcodes.ILOAD), layout.local(binding.name).slot);
                return;
            case FIELD:
                ClassHierarchy.Field field = hierarchy.field(layout.owner, binding.name);
                requireAssignable(Type.getType(field.descriptor), binding.type, "field " + binding.name);
                if (field.isStatic) {
                    target.visitFieldInsn(Opcodes.GETSTATIC, layout.owner, binding.name, field.descriptor);
                } else {
                    requireInstance(binding);
                    target.visitVarInsn(Opcodes.ALOAD, 0);
                    target.visitFieldInsn(Opcodes.GETFIELD, layout.owner, binding.name, field.descriptor);
                }
                return;
            case ORIGIN:
                target.visitLdcInsn(Origin.resolve(binding.name, ownerName, layout.name, layout.descriptor));
                return;
            default:
                throw new IllegalStateException("unknown binding " + binding.kind);
        }
    }

    @Override
    public void store(Binding binding) {
        if (binding.kind == Binding.Kind.LOCAL) {
            target.visitVarInsn(binding.type.getOpcode(Opcodes.ISTORE), layout.local(binding.name).slot);
        } else if (binding.kind == Binding.Kind.ARGUMENT && binding.writable
                && binding.index < layout.arguments.length) {
            Type argument = layout.arguments[binding.index];
            requireAssignable(binding.type, argument, "argument " + binding.index);
            Extra copy = exit ? layout.argumentCopy(binding.index) : null;
            target.visitVarInsn(argument.getOpcode(Opcodes.ISTORE),
                    copy != null ? copy.slot : layout.argumentSlot(binding.index));
        } else {
            throw new IllegalStateException(adviceName + " assigns a read-only @Advice." + binding.kind);
        }
    }

    private void requireInstance(Binding binding) {
        if (layout.isStatic || (layout.isConstructor && !exit)) {
            throw new IllegalStateException(where() + " has no initialized this for @Advice." + binding.kind);
        }
    }

    private void requireAssignable(Type from, Type to, String what) {
        boolean assignable = from.getSort() == Type.OBJECT || from.getSort() == Type.ARRAY
                ? (to.getSort() == Type.OBJECT || to.getSort() == Type.ARRAY)
                        && hierarchy.isAssignable(from.getInternalName(), to.getInternalName())
                : from.getSort() == to.getSort();
        if (!assignable) {
            throw new IllegalStateException(where() + ": " + what + " (" + from.getClassName()
                    + ") is not assignable to " + adviceName + "'s " + to.getClassName());
        }
    }

    /** Pushes the zero, false or null of {@code type}. */
    static void pushDefault(MethodVisitor target, Type type) {
        switch (type.getSort()) {
            case Type.LONG:
                target.visitInsn(Opcodes.LCONST_0);
                break;
            case Type.FLOAT:
                target.visitInsn(Opcodes.FCONST_0);
                break;
            case Type.DOUBLE:
                target.visitInsn(Opcodes.DCONST_0);
                break;
            case Type.OBJECT: case Type.ARRAY:
                target.visitInsn(Opcodes.ACONST_NULL);
                break;
            default:
                target.visitInsn(Opcodes.ICONST_0);
        }
    }

    private String where() {
        return ownerName + "." + layout.name + layout.descriptor;
    }
}
