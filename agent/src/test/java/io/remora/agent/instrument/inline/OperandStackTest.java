package io.remora.agent.instrument.inline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Function;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.utility.visitor.StackAwareMethodVisitor;
import org.junit.jupiter.api.Test;

/**
 * The operand stack as {@link OperandStack} tracks it, against Byte Buddy's
 * {@code StackAwareMethodVisitor}, which the inliner drained returns with before: at every return of
 * every method of the JDK's {@code java.base} and of every jar on the test class path (Kotlin's
 * standard library and OkHttp among them, compiled by kotlinc), both must pop the same values.
 */
class OperandStackTest {

    @Test
    void popsWhatByteBuddysTrackerPopsAtEveryReturnOfRealLibraries() throws IOException {
        Totals totals = new Totals();
        forEachClassFile(classFile -> {
            List<String> ours = drainsAtReturns(classFile, target -> {
                OperandStack stack = new OperandStack(target);
                return new Drainer(stack, stack::drain);
            });
            List<String> theirs = drainsAtReturns(classFile, target -> {
                StackAwareMethodVisitor stack = new StackAwareMethodVisitor(target,
                        new MethodDescription.Latent.TypeInitializer(TypeDescription.ForLoadedType.of(Object.class))) {
                    // its constructor is protected
                };
                return new Drainer(stack, stack::drainStack);
            });
            assertEquals(theirs, ours, new ClassReader(classFile).getClassName());
            totals.add(ours);
        });
        assertTrue(totals.returns > 300_000, totals.returns + " returns compared"); // 388,347 on JDK 17
        // 93 on JDK 17: Kotlin's (its standard library, Okio, Lettuce's coroutines API), and jlink's own
        assertTrue(totals.withMoreThanTheValue > 50, totals.withMoreThanTheValue + " returns with more than their value");
    }

    @Test
    void aDupX2BelowAWideValueKeepsTheOrderOfSizes() {
        Recorder popped = new Recorder();
        OperandStack stack = new OperandStack(popped);
        stack.visitInsn(Opcodes.LCONST_0);
        stack.visitInsn(Opcodes.ICONST_0);
        stack.visitInsn(Opcodes.DUP_X2); // int, long, int
        assertEquals(List.of(1, 2, 1), sizes(stack));
        stack.drain();
        assertEquals("POP POP2 POP", popped.text());
    }

    @Test
    void aJumpTargetAndAHandlerGetTheirOwnState() {
        OperandStack stack = new OperandStack(new Recorder());
        Label target = new Label();
        Label handler = new Label();
        stack.visitTryCatchBlock(new Label(), new Label(), handler, null);
        stack.visitInsn(Opcodes.DCONST_1);
        stack.visitInsn(Opcodes.ICONST_1);
        stack.visitJumpInsn(Opcodes.IFEQ, target);
        stack.visitJumpInsn(Opcodes.GOTO, target);
        assertEquals(List.of(), sizes(stack), "nothing falls through a goto");
        stack.visitLabel(target);
        assertEquals(List.of(2), sizes(stack));
        stack.visitLabel(handler);
        assertEquals(List.of(1), sizes(stack), "the exception");
    }

    private static List<Integer> sizes(OperandStack stack) {
        return Arrays.stream(stack.sizes()).boxed().collect(Collectors.toList());
    }

    /** Per return, in the order they come: the pops its drain writes. */
    private static List<String> drainsAtReturns(byte[] classFile, Function<MethodVisitor, Drainer> tracker) {
        List<String> drains = new ArrayList<>();
        new ClassReader(classFile).accept(new ClassVisitor(Inliner.ASM_API) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                Recorder popped = new Recorder();
                Drainer drainer = tracker.apply(popped);
                drainer.atReturn = () -> {
                    popped.clear(); // the method's own pops went through it too
                    drainer.drain.run();
                    drains.add(name + descriptor + ": " + popped.text());
                };
                return drainer;
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return drains;
    }

    /** Drains the tracker it wraps before each return goes through. */
    private static final class Drainer extends MethodVisitor {
        final Runnable drain;
        Runnable atReturn;

        Drainer(MethodVisitor stack, Runnable drain) {
            super(Inliner.ASM_API, stack);
            this.drain = drain;
        }

        @Override
        public void visitInsn(int opcode) {
            if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
                atReturn.run();
            }
            super.visitInsn(opcode);
        }
    }

    /** The pops a drain writes. */
    private static final class Recorder extends MethodVisitor {
        private final StringBuilder popped = new StringBuilder();

        Recorder() {
            super(Inliner.ASM_API);
        }

        @Override
        public void visitInsn(int opcode) {
            if (opcode == Opcodes.POP || opcode == Opcodes.POP2) {
                popped.append(popped.length() == 0 ? "" : " ").append(opcode == Opcodes.POP ? "POP" : "POP2");
            }
        }

        String text() {
            return popped.toString();
        }

        void clear() {
            popped.setLength(0);
        }
    }

    private static final class Totals {
        long returns;
        long withMoreThanTheValue;

        void add(List<String> drains) {
            for (String drain : drains) {
                returns++;
                if (drain.substring(drain.indexOf(": ") + 2).contains(" ")) {
                    withMoreThanTheValue++;
                }
            }
        }
    }

    /** Every jar the test's class loader reads (the class path may be hidden in a manifest-only jar). */
    private static List<String> classPathJars() throws IOException {
        List<String> jars = new ArrayList<>();
        Enumeration<URL> manifests = OperandStackTest.class.getClassLoader().getResources("META-INF/MANIFEST.MF");
        while (manifests.hasMoreElements()) {
            String url = manifests.nextElement().toString();
            if (url.startsWith("jar:file:")) {
                jars.add(Paths.get(URI.create(url.substring("jar:".length(), url.indexOf("!/")))).toString());
            }
        }
        return jars;
    }

    private interface ClassFileConsumer {
        void accept(byte[] classFile) throws IOException;
    }

    /** java.base's class files and those of every jar on the class path. */
    private static void forEachClassFile(ClassFileConsumer consumer) throws IOException {
        FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        try (Stream<Path> files = Files.walk(jrt.getPath("/modules/java.base"))) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                consumer.accept(Files.readAllBytes(file));
            }
        }
        for (String path : classPathJars()) {
            try (JarFile jar = new JarFile(path)) {
                for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                    JarEntry entry = entries.nextElement();
                    String name = entry.getName();
                    if (name.endsWith(".class") && !name.startsWith("META-INF/") && !name.endsWith("module-info.class")) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            consumer.accept(in.readAllBytes());
                        }
                    }
                }
            }
        }
    }
}
