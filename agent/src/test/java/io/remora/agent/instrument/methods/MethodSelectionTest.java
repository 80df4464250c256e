package io.remora.agent.instrument.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.agent.instrument.inline.MethodEntry;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import org.junit.jupiter.api.Test;

class MethodSelectionTest {

    private static final String SVC = Svc.class.getName();

    @Test
    void everyMethodMeansTheDeclaredMethodsWithABody() {
        MethodSelection selection = MethodSelection.of(List.of(SVC + "#*"));
        // not: the constructor, the static initialiser, the abstract and the native method, the
        // bridge apply(Object) and the lambda's body
        assertEquals(Set.of("apply(java.lang.String)", "handle()", "handle(int)", "helper()"),
                chosen(selection, Svc.class));
    }

    @Test
    void theSampleHasTheMethodsLeftOut() {
        boolean bridge = false;
        boolean lambda = false;
        for (Method method : Svc.class.getDeclaredMethods()) {
            bridge |= method.isBridge();
            lambda |= method.getName().startsWith("lambda$") && method.isSynthetic();
        }
        assertTrue(bridge && lambda, "javac wrote no bridge or no lambda body into Svc");
    }

    @Test
    void aNamedMethodIsEveryOverloadOfThatName() {
        assertEquals(Set.of("handle()", "handle(int)"), chosen(MethodSelection.of(List.of(SVC + "#handle")), Svc.class));
    }

    @Test
    void aNamedMethodIsNeverItsBridge() {
        assertEquals(Set.of("apply(java.lang.String)"), chosen(MethodSelection.of(List.of(SVC + "#apply")), Svc.class));
    }

    @Test
    void everyMethodWinsOverANamedOneOfTheSameClass() {
        assertEquals(Set.of("apply(java.lang.String)", "handle()", "handle(int)", "helper()"),
                chosen(MethodSelection.of(List.of(SVC + "#handle", SVC + "#*")), Svc.class));
    }

    @Test
    void theClassesAreTheNamedOnes() {
        MethodSelection selection = MethodSelection.of(List.of(SVC + "#handle", "com.acme.Repo#*", SVC + "#apply"));
        assertEquals(Set.of(SVC, "com.acme.Repo"), Set.of(selection.classNames()));
    }

    @Test
    void aMethodBelongsToTheClassThatDeclaresIt() {
        MethodSelection selection = MethodSelection.of(List.of(SVC + "#handle", SubSvc.class.getName() + "#later"));
        assertEquals(Set.of("later()"), chosen(selection, SubSvc.class), "SubSvc's own handle() is not Svc's");
    }

    @Test
    void nothingNamedSelectsNothing() {
        assertTrue(MethodSelection.of(List.of()).isEmpty());
        assertFalse(MethodSelection.of(List.of("com.acme.Repo#*")).isEmpty());
    }

    /** The methods of {@code type}'s class file that the selection matches, as name(argument types). */
    private static Set<String> chosen(MethodSelection selection, Class<?> type) {
        Set<String> chosen = new TreeSet<>();
        try (InputStream in = type.getClassLoader().getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
            new ClassReader(in).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                        String[] exceptions) {
                    if (selection.methods().matches(new MethodEntry(type.getName(), access, name, descriptor))) {
                        StringBuilder entry = new StringBuilder(name).append('(');
                        Type[] arguments = Type.getArgumentTypes(descriptor);
                        for (int i = 0; i < arguments.length; i++) {
                            entry.append(i > 0 ? "," : "").append(arguments[i].getClassName());
                        }
                        chosen.add(entry.append(')').toString());
                    }
                    return null;
                }
            }, ClassReader.SKIP_CODE);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return chosen;
    }

    /** One of each kind of method javac writes. */
    abstract static class Svc implements Function<String, String> {
        static {
            System.getProperty("a static initialiser");
        }

        Svc() {
        }

        @Override
        public String apply(String s) {
            Runnable lambda = () -> System.getProperty(s);
            return s + lambda;
        }

        void handle() {
        }

        void handle(int times) {
        }

        static void helper() {
        }

        abstract void later();

        native void nativeCall();
    }

    abstract static class SubSvc extends Svc {
        @Override
        void handle() {
        }

        @Override
        void later() {
        }
    }
}
