package io.remora.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.agent.instrument.catalog.Catalog;
import io.remora.agent.instrument.inline.AdviceClass;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ConstantDynamic;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import org.junit.jupiter.api.Test;

/**
 * Advice is copied into the application's classes, whatever their class file version: an advice
 * class holding a lambda, a method reference or an indy string concatenation would put
 * invokedynamic and method-handle constants into a Java 6 or older class file, which the JVM then
 * refuses to load (AdviceWeaverTest shows the ClassFormatError). So no advice method uses any; and
 * each uses only the annotations the inliner supports.
 */
class InlinableAdviceTest {

    @Test
    void noAdviceMethodUsesInvokedynamicOrMethodHandleConstants() throws IOException {
        TreeSet<String> adviceClasses = adviceClasses();
        assertTrue(adviceClasses.size() > 40, "advice classes: " + adviceClasses);
        List<String> offending = new ArrayList<>();
        for (String adviceClass : adviceClasses) {
            try (InputStream in = InlinableAdviceTest.class.getClassLoader()
                    .getResourceAsStream(adviceClass.replace('.', '/') + ".class")) {
                new ClassReader(in).accept(new Java7Constants(adviceClass, offending), ClassReader.SKIP_DEBUG);
            }
        }
        assertEquals(List.of(), offending);
    }

    /** The inliner knows a fixed set of advice annotations: what it does not know fails here, not in an application. */
    @Test
    void everyAdviceClassIsOneTheInlinerSupports() throws IOException {
        List<String> refused = new ArrayList<>();
        for (String adviceClass : adviceClasses()) {
            try (InputStream in = InlinableAdviceTest.class.getClassLoader()
                    .getResourceAsStream(adviceClass.replace('.', '/') + ".class")) {
                AdviceClass.parse(in.readAllBytes());
            } catch (IllegalArgumentException e) {
                refused.add(e.getMessage());
            }
        }
        assertEquals(List.of(), refused);
    }

    private static TreeSet<String> adviceClasses() {
        TreeSet<String> adviceClasses = new TreeSet<>();
        for (InstrumentationModule module : Catalog.all(Arrays.asList("com.example.Orders#place"))) {
            for (TypeInstrumentation type : module.types()) {
                MethodAdvice advice = type.advice();
                for (int i = 0; i < advice.size(); i++) {
                    adviceClasses.add(advice.renaming(i) == null ? advice.adviceClass(i) : advice.renaming(i).source());
                }
            }
        }
        return adviceClasses;
    }

    /** Notes each invokedynamic, and each ldc of a method handle, method type or dynamic constant. */
    private static final class Java7Constants extends ClassVisitor {
        private final String className;
        private final List<String> found;

        Java7Constants(String className, List<String> found) {
            super(Opcodes.ASM9);
            this.className = className;
            this.found = found;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                String[] exceptions) {
            String method = className + "." + name;
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public void visitInvokeDynamicInsn(String indyName, String indyDescriptor, Handle bootstrap,
                        Object... arguments) {
                    found.add(method + ": invokedynamic " + indyName);
                }

                @Override
                public void visitLdcInsn(Object value) {
                    if (value instanceof Handle || value instanceof ConstantDynamic
                            || (value instanceof Type && ((Type) value).getSort() == Type.METHOD)) {
                        found.add(method + ": ldc " + value);
                    }
                }
            };
        }
    }
}
