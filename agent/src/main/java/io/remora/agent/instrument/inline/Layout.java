package io.remora.agent.instrument.inline;

import io.remora.agent.instrument.inline.Binding.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * The local variables of a method with advice inlined: its own arguments first, then the slots the
 * advice adds (the enter advice's value, named locals, copies of the arguments the exit advice reads,
 * the return value and the exception), then the method's own locals, moved up by that many slots.
 * Also the stack map frames' locals at each point the inlined code needs one.
 */
final class Layout {

    /** Where in the method a frame is: what has been assigned by then. */
    static final int ENTER = 0;
    static final int AFTER_ENTER = 1;
    static final int BODY = 2;
    static final int EXIT = 3;

    final String owner;
    final String name;
    final String descriptor;
    final boolean isStatic;
    final boolean isConstructor;
    final Type[] arguments;
    final Type returnType;
    /** Slots of this and the arguments. */
    final int argumentSlots;

    private final List<Extra> extras = new ArrayList<>();
    private final Map<String, Extra> locals = new LinkedHashMap<>();
    private final Map<Integer, Extra> argumentCopies = new LinkedHashMap<>();
    private Extra enterValue;
    private Extra returned;
    private Extra thrown;
    private int extraSlots;

    Layout(String owner, int access, String name, String descriptor, AdviceMethod enter, AdviceMethod exit) {
        this.owner = owner;
        this.name = name;
        this.descriptor = descriptor;
        this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
        this.isConstructor = name.equals("<init>");
        this.arguments = Type.getArgumentTypes(descriptor);
        this.returnType = Type.getReturnType(descriptor);
        this.argumentSlots = (Type.getArgumentsAndReturnSizes(descriptor) >> 2) - (isStatic ? 1 : 0);
        if (enter != null && enter.returnType().getSort() != Type.VOID) {
            enterValue = add(enter.returnType(), AFTER_ENTER);
        }
        for (AdviceMethod advice : new AdviceMethod[] {enter, exit}) {
            for (Binding parameter : advice == null ? new Binding[0] : advice.parameters) {
                if (parameter.kind == Kind.LOCAL) {
                    Extra local = locals.get(parameter.name);
                    if (local == null) {
                        locals.put(parameter.name, add(parameter.type, ENTER));
                    } else if (!local.type.equals(parameter.type)) {
                        throw new IllegalStateException("@Advice.Local(\"" + parameter.name + "\") has two types");
                    }
                }
            }
        }
        if (exit != null) {
            for (Binding parameter : exit.parameters) {
                if (parameter.kind == Kind.ARGUMENT && parameter.index < arguments.length
                        && !argumentCopies.containsKey(parameter.index)) {
                    argumentCopies.put(parameter.index, add(arguments[parameter.index], BODY));
                }
            }
            if (returnType.getSort() != Type.VOID) {
                returned = add(returnType, EXIT);
            }
            if (exit.onThrowable != null) {
                thrown = add(Type.getObjectType("java/lang/Throwable"), EXIT);
            }
        }
    }

    private Extra add(Type type, int assignedFrom) {
        Extra extra = new Extra(argumentSlots + extraSlots, type, assignedFrom);
        extras.add(extra);
        extraSlots += type.getSize();
        return extra;
    }

    int extraSlots() {
        return extraSlots;
    }

    /** The first slot free for the inlined advice's own locals. */
    int adviceLocalsBase() {
        return argumentSlots + extraSlots;
    }

    /** The slot of the method's own local {@code slot} once the extras are in. */
    int moved(int slot) {
        return slot < argumentSlots ? slot : slot + extraSlots;
    }

    int argumentSlot(int index) {
        int slot = isStatic ? 0 : 1;
        for (int i = 0; i < index; i++) {
            slot += arguments[i].getSize();
        }
        return slot;
    }

    Extra enterValue() {
        return enterValue;
    }

    Extra local(String name) {
        return locals.get(name);
    }

    Iterable<Extra> locals() {
        return locals.values();
    }

    /** The copy of argument {@code index} taken once the enter advice ran, or null. */
    Extra argumentCopy(int index) {
        return argumentCopies.get(index);
    }

    Map<Integer, Extra> argumentCopies() {
        return argumentCopies;
    }

    Extra returned() {
        return returned;
    }

    Extra thrown() {
        return thrown;
    }

    /**
     * A frame's locals at {@code phase}: this and the arguments (as declared while the enter advice
     * runs; then only this, for the method may reuse its arguments' slots), the extras assigned by
     * then, and {@code tail} (the inlined advice's own locals).
     */
    Object[] frameLocals(int phase, Object[] tail) {
        List<Object> frame = new ArrayList<>();
        if (!isStatic) {
            frame.add(isConstructor && phase <= AFTER_ENTER ? Opcodes.UNINITIALIZED_THIS : owner);
        }
        for (Type argument : arguments) {
            if (phase <= AFTER_ENTER) {
                frame.add(frameType(argument));
            } else {
                for (int i = 0; i < argument.getSize(); i++) {
                    frame.add(Opcodes.TOP);
                }
            }
        }
        addExtras(frame, phase);
        frame.addAll(Arrays.asList(tail));
        return frame.toArray();
    }

    /** The method's own frame with the extras (as assigned in its body) put in after its arguments. */
    Object[] bodyFrameLocals(int count, Object[] local) {
        List<Object> frame = new ArrayList<>();
        int arguments = entriesCovering(argumentSlots, count, local);
        int slots = 0;
        for (int i = 0; i < arguments; i++) {
            frame.add(local[i]);
            slots += slotsOf(local[i]);
        }
        for (; slots < argumentSlots; slots++) {
            frame.add(Opcodes.TOP);
        }
        addExtras(frame, BODY);
        frame.addAll(Arrays.asList(local).subList(arguments, count));
        return frame.toArray();
    }

    /**
     * How many of a frame's first {@code count} locals hold its first {@code slots} slots: fewer
     * where the frame ends sooner. A long or a double is one entry of two slots.
     */
    static int entriesCovering(int slots, int count, Object[] local) {
        int entry = 0;
        for (int covered = 0; entry < count && covered < slots; entry++) {
            covered += slotsOf(local[entry]);
        }
        return entry;
    }

    private static int slotsOf(Object frameValue) {
        return frameValue == Opcodes.LONG || frameValue == Opcodes.DOUBLE ? 2 : 1;
    }

    private void addExtras(List<Object> frame, int phase) {
        for (Extra extra : extras) {
            if (phase >= extra.assignedFrom) {
                frame.add(frameType(extra.type));
            } else {
                for (int i = 0; i < extra.type.getSize(); i++) {
                    frame.add(Opcodes.TOP);
                }
            }
        }
    }

    static Object frameType(Type type) {
        switch (type.getSort()) {
            case Type.BOOLEAN: case Type.BYTE: case Type.CHAR: case Type.SHORT: case Type.INT:
                return Opcodes.INTEGER;
            case Type.FLOAT:
                return Opcodes.FLOAT;
            case Type.LONG:
                return Opcodes.LONG;
            case Type.DOUBLE:
                return Opcodes.DOUBLE;
            default:
                return type.getInternalName(); // an array's is its descriptor, as frames want it
        }
    }

    /** A slot the advice adds, and from which phase on it holds a value. */
    static final class Extra {
        final int slot;
        final Type type;
        final int assignedFrom;

        Extra(int slot, Type type, int assignedFrom) {
            this.slot = slot;
            this.type = type;
            this.assignedFrom = assignedFrom;
        }
    }
}
