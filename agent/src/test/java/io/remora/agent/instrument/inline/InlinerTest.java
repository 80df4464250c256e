package io.remora.agent.instrument.inline;

import static io.remora.agent.instrument.inline.MethodMatcher.isConstructor;
import static io.remora.agent.instrument.inline.MethodMatcher.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The inliner against what javac makes of ordinary methods: the woven class must load (pass the
 * verifier), behave as before, and hand the advice what its annotations promise.
 */
class InlinerTest {

    @BeforeEach
    void forget() {
        Seen.calls.clear();
    }

    @Test
    void wideValuesPassFromEnterToExitBesideTheArgumentsAndTheReturnValue() throws Exception {
        Object target = woven(Target.class, named("add"), WideAdvice.class).getConstructor().newInstance();
        assertEquals(42L, call(target, "add", new Class<?>[] {long.class, double.class}, 40L, 2.0));
        assertEquals(List.of("add(40, 2.0) = 42 after 7"), Seen.calls);
    }

    @Test
    void exitAdviceSeesTheArgumentsAsTheMethodGotThemThoughItReassignsThem() throws Exception {
        Object target = woven(Target.class, named("trim"), ArgumentAdvice.class).getConstructor().newInstance();
        assertEquals("ada", call(target, "trim", new Class<?>[] {String.class}, "  ada "));
        assertEquals(List.of("trim(  ada ) = ada"), Seen.calls);
    }

    @Test
    void theMethodsOwnHandlersCatchFirstAndWhatEscapesThemReachesTheExitAdvice() throws Exception {
        Object target = woven(Target.class, named("parse"), ThrownAdvice.class).getConstructor().newInstance();
        assertEquals(-1, call(target, "parse", new Class<?>[] {String.class}, "x"));
        InvocationTargetException escaped = assertThrows(InvocationTargetException.class,
                () -> call(target, "parse", new Class<?>[] {String.class}, (Object) null));
        assertEquals(IllegalArgumentException.class, escaped.getCause().getClass());
        assertEquals(List.of("parse -> -1, thrown null", "parse -> 0, thrown IllegalArgumentException"), Seen.calls);
    }

    @Test
    void adviceThatThrowsIsSuppressedAndTheEnterValueFallsBackToItsDefault() throws Exception {
        Object target = woven(Target.class, named("trim"), ThrowingAdvice.class).getConstructor().newInstance();
        assertEquals("ada", call(target, "trim", new Class<?>[] {String.class}, " ada"));
        assertEquals(List.of("exit saw enter value 0"), Seen.calls);
    }

    @Test
    void fieldsComeFromTheClassOrItsSuperclassAndOriginNamesTheMethod() throws Exception {
        Object target = woven(Target.class, named("trim"), FieldAdvice.class).getConstructor().newInstance();
        call(target, "trim", new Class<?>[] {String.class}, "x");
        assertEquals(List.of(Target.class.getName() + ".trim(Ljava/lang/String;)Ljava/lang/String; own inherited"),
                Seen.calls);
    }

    @Test
    void enterAdviceMayReplaceAnArgumentAndALocalPassesToExit() throws Exception {
        Object target = woven(Target.class, named("trim"), ReplacingAdvice.class).getConstructor().newInstance();
        assertEquals("replaced", call(target, "trim", new Class<?>[] {String.class}, "original"));
        assertEquals(List.of("local true, argument 1 absent: null"), Seen.calls);
    }

    @Test
    void aLoopAtTheMethodsFirstInstructionAndAStaticMethodStillVerify() throws Exception {
        Class<?> woven = woven(Target.class, named("countDown"), CountAdvice.class);
        assertEquals(0, woven.getMethod("countDown", int.class).invoke(null, 3));
        assertEquals(List.of("countDown(3) = 0"), Seen.calls);
    }

    /** Kotlin's inlined non-local returns leave values under the one returned; javac never does. */
    @Test
    void aReturnWithMoreOnTheStackThanItsValueStillReachesTheExitAdvice() throws Exception {
        String name = "io.remora.agent.instrument.inline.Leftovers";
        byte[] woven = inliner(named("two"), CountAdvice.class).inline(getClass().getClassLoader(), leftovers(name));
        Class<?> loaded = new OneClassLoader(name, woven).loadClass(name);
        assertEquals(2, loaded.getMethod("two", int.class).invoke(null, 5));
        assertEquals(List.of("two(5) = 2"), Seen.calls);
    }

    /** {@code public static int two(int n) { push 1; push 2; return }}: the 1 is left on the stack. */
    private static byte[] leftovers(String name) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC, name.replace('.', '/'), null, "java/lang/Object", null);
        MethodVisitor two = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "two", "(I)I", null, null);
        two.visitCode();
        two.visitInsn(Opcodes.ICONST_1);
        two.visitInsn(Opcodes.ICONST_2);
        two.visitInsn(Opcodes.IRETURN);
        two.visitMaxs(0, 0);
        two.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }

    @Test
    void constructorsGetExitAdviceOnceTheInstanceIsBuilt() throws Exception {
        Class<?> woven = woven(Target.class, isConstructor(), ConstructorAdvice.class);
        woven.getConstructor().newInstance();
        assertEquals(List.of("built " + Target.class.getName()), Seen.calls);
    }

    /** Enter advice in a constructor runs before the super call, while the instance is not yet built. */
    @Test
    void enterAdviceInAConstructorRunsBeforeTheInstanceIsBuiltAndHandsItsValueToExit() throws Exception {
        Class<?> woven = woven(Labelled.class, isConstructor(), ConstructingAdvice.class);
        assertEquals("x", woven.getField("label").get(woven.getConstructor(String.class).newInstance("x")));
        assertEquals(List.of("enter x", "built with 1"), Seen.calls);
    }

    @Test
    void aReturnValueTheAdviceCannotTakeLeavesTheClassUnwoven() throws IOException {
        Inliner inliner = inliner(named("trim"), MismatchedAdvice.class);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> inliner.inline(getClass().getClassLoader(), classFile(Target.class.getName())));
        assertTrue(e.getMessage().contains("the return value (java.lang.String) is not assignable to "
                + MismatchedAdvice.class.getName() + "'s java.lang.Integer"), e.getMessage());
    }

    @Test
    void aClassWithoutAMatchedMethodIsLeftAsItIs() throws IOException {
        assertNull(inliner(named("nothing"), ArgumentAdvice.class).inline(getClass().getClassLoader(),
                classFile(Target.class.getName())));
    }

    @Test
    void adviceWithAnAttributeTheInlinerDoesNotKnowIsRefusedWhenParsed() throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AdviceClass.parse(classFile(SkippingAdvice.class.getName())));
        assertEquals(SkippingAdvice.class.getName() + ".enter @Advice.OnMethodEnter: attribute skipOn is not supported",
                e.getMessage());
    }

    private static Object call(Object target, String name, Class<?>[] types, Object... arguments)
            throws ReflectiveOperationException {
        Method method = target.getClass().getMethod(name, types);
        return method.invoke(target, arguments);
    }

    private Class<?> woven(Class<?> target, MethodMatcher methods, Class<?> advice)
            throws IOException, ClassNotFoundException {
        byte[] woven = inliner(methods, advice).inline(getClass().getClassLoader(), classFile(target.getName()));
        return new OneClassLoader(target.getName(), woven).loadClass(target.getName());
    }

    private static Inliner inliner(MethodMatcher methods, Class<?> advice)
            throws IOException {
        return new Inliner(Collections.singletonList(methods),
                Collections.singletonList(AdviceClass.parse(classFile(advice.getName()))));
    }

    static byte[] classFile(String name) throws IOException {
        try (InputStream in = InlinerTest.class.getClassLoader().getResourceAsStream(name.replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    public static class Base {
        protected String inherited = "inherited";
    }

    public static class Target extends Base {
        private final String own = "own";

        public long add(long a, double b) {
            return a + (long) b;
        }

        public String trim(String text) {
            text = text.trim();
            return text;
        }

        public int parse(String text) {
            if (text == null) {
                throw new IllegalArgumentException("null");
            }
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        public static int countDown(int n) {
            do {
                n--;
            } while (n > 0);
            return n;
        }
    }

    public static class Labelled {
        public final String label;

        public Labelled(String label) {
            this.label = label;
        }
    }

    public static final class ConstructingAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Advice.Argument(0) String label) {
            Seen.calls.add("enter " + label);
            return 1L;
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object built, @Advice.Enter long one) {
            Seen.calls.add("built with " + one);
        }
    }

    public static final class WideAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return 7L;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long seven, @Advice.Argument(0) long a, @Advice.Argument(1) double b,
                @Advice.Return long sum) {
            Seen.calls.add("add(" + a + ", " + b + ") = " + sum + " after " + seven);
        }
    }

    public static final class ArgumentAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Argument(0) String text, @Advice.Return String trimmed) {
            Seen.calls.add("trim(" + text + ") = " + trimmed);
        }
    }

    public static final class ThrownAdvice {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Origin("#m") String method, @Advice.Return int parsed, @Advice.Thrown Throwable thrown) {
            Seen.calls.add(method + " -> " + parsed + ", thrown "
                    + (thrown == null ? "null" : thrown.getClass().getSimpleName()));
        }
    }

    public static final class ThrowingAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static int enter(@Advice.Argument(0) String text) {
            if (!text.isEmpty()) {
                throw new IllegalStateException("advice failed");
            }
            return 1;
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Enter int entered) {
            Seen.calls.add("exit saw enter value " + entered);
            throw new IllegalStateException("exit advice failed too");
        }
    }

    public static final class FieldAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Origin("#t.#m#d") String origin, @Advice.FieldValue("own") String own,
                @Advice.FieldValue("inherited") Object inherited) {
            Seen.calls.add(origin + " " + own + " " + inherited);
        }
    }

    public static final class ReplacingAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(value = 0, readOnly = false) String text,
                @Advice.Local("entered") boolean entered) {
            text = "  replaced ";
            entered = true;
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Local("entered") boolean entered,
                @Advice.Argument(value = 1, optional = true) Object absent) {
            Seen.calls.add("local " + entered + ", argument 1 absent: " + absent);
        }
    }

    public static final class CountAdvice {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Origin("#m") String method, @Advice.Argument(0) int n, @Advice.Return int left) {
            Seen.calls.add(method + "(" + n + ") = " + left);
        }
    }

    public static final class ConstructorAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object built) {
            Seen.calls.add("built " + built.getClass().getName());
        }
    }

    public static final class MismatchedAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Return Integer wrong) {
            Seen.calls.add("never " + wrong);
        }
    }

    public static final class SkippingAdvice {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static boolean enter() {
            return false;
        }
    }
}
