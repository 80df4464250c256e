package io.remora.agent.instrument.inline;

import java.util.List;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Inlines advice into the methods of one class file, in one pass of ASM from the reader to the writer.
 * The advice is Remora's own (a known set of {@code @Advice} annotations, see {@link AdviceClass}), so
 * this replaces Byte Buddy's general {@code Advice} and its type pool, whose classes and first runs
 * were most of what instrumentation cost a service at start-up. Methods are matched by their entry
 * in the class file ({@link MethodMatcher}); types the advice needs to know more of (an inherited
 * field, a return type's supertypes) are read as class files through the class's loader
 * ({@link ClassHierarchy}). Of Byte Buddy only its copy of ASM runs; the advice classes are written
 * with its {@code @Advice} annotations, which are read from their class files, never loaded.
 */
public final class Inliner {

    /** The ASM API level of the weaving's visitors (Byte Buddy's copy of ASM 9). */
    static final int ASM_API = Opcodes.ASM9;

    private final List<MethodMatcher> matchers;
    private final List<AdviceClass> advice;

    /** @param matchers which methods get {@code advice} at the same index: the first that matches applies */
    public Inliner(List<MethodMatcher> matchers, List<AdviceClass> advice) {
        this.matchers = matchers;
        this.advice = advice;
    }

    /**
     * @param loader the class's loader, null for the bootstrap loader
     * @return the class file with the advice inlined, or null when no method of it matches
     * @throws RuntimeException when the advice cannot be inlined into a matched method (the class is then
     *     to be left as it is)
     */
    public byte[] inline(ClassLoader loader, byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        boolean frames = majorVersion(classFile) >= Opcodes.V1_6;
        ClassWriter writer = new ClassWriter(reader, 0);
        Weaving weaving = new Weaving(writer, new ClassHierarchy(loader), classFile, frames);
        reader.accept(weaving, frames ? ClassReader.EXPAND_FRAMES : 0);
        return weaving.matched ? writer.toByteArray() : null;
    }

    private static int majorVersion(byte[] classFile) {
        return ((classFile[6] & 0xFF) << 8) | (classFile[7] & 0xFF);
    }

    private final class Weaving extends ClassVisitor {
        private final ClassHierarchy hierarchy;
        private final byte[] classFile;
        private final boolean frames;
        private String owner;
        /** {@code owner} as {@link MethodEntry} names it. */
        private String ownerName;
        boolean matched;

        Weaving(ClassVisitor writer, ClassHierarchy hierarchy, byte[] classFile, boolean frames) {
            super(Inliner.ASM_API, writer);
            this.hierarchy = hierarchy;
            this.classFile = classFile;
            this.frames = frames;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                String[] interfaces) {
            owner = name;
            ownerName = name.replace('/', '.');
            hierarchy.add(name, classFile);
            super.visit(version, access, name, signature, superName, interfaces);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                String[] exceptions) {
            MethodVisitor method = super.visitMethod(access, name, descriptor, signature, exceptions);
            if (name.equals("<clinit>")) {
                return method;
            }
            MethodEntry entry = new MethodEntry(ownerName, access, name, descriptor);
            for (int i = 0; i < matchers.size(); i++) {
                if (matchers.get(i).matches(entry)) {
                    matched = true;
                    return new InliningMethodVisitor(method, access, name, descriptor, owner, advice.get(i),
                            hierarchy, frames);
                }
            }
            return method;
        }
    }
}
