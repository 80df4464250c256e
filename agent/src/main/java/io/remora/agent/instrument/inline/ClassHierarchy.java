package io.remora.agent.instrument.inline;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * The supertypes and fields of the classes an inlining meets, read from their class files through the
 * loader of the class being woven, never by loading a class: what Byte Buddy's type pool answered, for
 * the two questions advice asks (is a value assignable to the advice's parameter, and where is the field
 * it reads). One per weaving, so nothing here outlives it or holds its loader.
 */
final class ClassHierarchy {

    private static final String OBJECT = "java/lang/Object";

    private final ClassLoader loader;
    private final Map<String, Outline> outlines = new HashMap<>();
    /** The class being woven, outlined only if the advice asks about it (most advice does not). */
    private String wovenName;
    private byte[] wovenClassFile;

    /** @param loader null for the bootstrap loader */
    ClassHierarchy(ClassLoader loader) {
        this.loader = loader;
    }

    /** Tells the hierarchy what the class being woven looks like: its file is not a resource yet. */
    void add(String internalName, byte[] classFile) {
        wovenName = internalName;
        wovenClassFile = classFile;
    }

    /**
     * Whether a value of internal name or descriptor {@code from} may be stored where {@code to} is
     * expected: the same, {@code to} is Object, or {@code to} is among {@code from}'s supertypes.
     */
    boolean isAssignable(String from, String to) {
        if (from.equals(to) || to.equals(OBJECT)) {
            return true;
        }
        if (from.startsWith("[") || to.startsWith("[")) {
            return false; // arrays: only the same array type or Object, which is all advice uses
        }
        Set<String> seen = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>();
        pending.add(from);
        while (!pending.isEmpty()) {
            String type = pending.poll();
            if (type.equals(to)) {
                return true;
            }
            if (!seen.add(type)) {
                continue;
            }
            Outline outline = outline(type);
            if (outline.superName != null) {
                pending.add(outline.superName);
            }
            for (String anInterface : outline.interfaces) {
                pending.add(anInterface);
            }
        }
        return false;
    }

    /**
     * The field {@code name} that code in {@code owner} reaches: declared by it or inherited from a
     * superclass.
     *
     * @throws IllegalStateException when no class of the hierarchy declares it
     */
    Field field(String owner, String name) {
        for (String type = owner; type != null; type = outline(type).superName) {
            Field field = outline(type).fields.get(name);
            if (field != null) {
                return field;
            }
        }
        throw new IllegalStateException("no field " + name + " in " + owner.replace('/', '.') + " or its superclasses");
    }

    private Outline outline(String internalName) {
        Outline outline = outlines.get(internalName);
        if (outline == null) {
            outline = Outline.of(internalName.equals(wovenName) ? wovenClassFile : read(internalName));
            outlines.put(internalName, outline);
        }
        return outline;
    }

    private byte[] read(String internalName) {
        ClassLoader reader = loader == null ? ClassLoader.getPlatformClassLoader() : loader;
        try (InputStream in = reader.getResourceAsStream(internalName + ".class")) {
            if (in == null) {
                throw new IllegalStateException("class file of " + internalName.replace('/', '.') + " not found");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("class file of " + internalName.replace('/', '.') + " unreadable: " + e, e);
        }
    }

    /** A field as advice reads it: {@code getfield} or {@code getstatic} of its descriptor. */
    static final class Field {
        final String descriptor;
        final boolean isStatic;

        Field(String descriptor, boolean isStatic) {
            this.descriptor = descriptor;
            this.isStatic = isStatic;
        }
    }

    private static final class Outline extends ClassVisitor {
        String superName;
        String[] interfaces;
        final Map<String, Field> fields = new HashMap<>();

        private Outline() {
            super(Inliner.ASM_API);
        }

        static Outline of(byte[] classFile) {
            Outline outline = new Outline();
            new ClassReader(classFile).accept(outline,
                    ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            return outline;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                String[] interfaces) {
            this.superName = superName;
            this.interfaces = interfaces == null ? new String[0] : interfaces;
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            fields.put(name, new Field(descriptor, (access & Opcodes.ACC_STATIC) != 0));
            return null;
        }
    }
}
