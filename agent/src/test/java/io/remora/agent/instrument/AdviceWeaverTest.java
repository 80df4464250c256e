package io.remora.agent.instrument;

import static io.remora.agent.instrument.inline.MethodMatcher.isConstructor;
import static io.remora.agent.instrument.inline.MethodMatcher.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.remora.agent.instrument.inline.OneClassLoader;
import io.remora.agent.instrument.inline.Seen;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import net.bytebuddy.asm.Advice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdviceWeaverTest {

    private static final String GREETER = Greeter.class.getName();

    @BeforeEach
    void forget() {
        Seen.calls.clear();
    }

    @Test
    void adviceRunsAroundTheMatchedMethodAndLeavesWhatItReturnsAndThrows() throws Exception {
        Class<?> woven = weaveAndLoad(MethodAdvice.on(named("greet"), GreetAdvice.class.getName()));
        Object greeter = woven.getConstructor().newInstance();
        assertEquals("hello ada", woven.getMethod("greet", String.class).invoke(greeter, "ada"));
        InvocationTargetException thrown = assertThrows(InvocationTargetException.class,
                () -> woven.getMethod("greet", String.class).invoke(greeter, ""));
        assertEquals(IllegalArgumentException.class, thrown.getCause().getClass());
        assertEquals(List.of("greet ada -> hello ada", "greet  threw IllegalArgumentException"), Seen.calls);
    }

    @Test
    void constructorsAreMatchedToo() throws Exception {
        Class<?> woven = weaveAndLoad(MethodAdvice.on(isConstructor(), ConstructorAdvice.class.getName()));
        woven.getConstructor().newInstance();
        assertEquals(List.of("built " + GREETER), Seen.calls);
    }

    @Test
    void aClassThatDeclaresNoMatchedMethodIsLeftAsItIs() throws IOException {
        AdviceWeaver weaver = weaver(MethodAdvice.on(named("farewell"), GreetAdvice.class.getName()));
        assertNull(weaver.weave(getClass().getClassLoader(), classFile(GREETER)));
    }

    @Test
    void aClassThatCannotBeWovenIsLeftAsItIs() throws IOException {
        AdviceWeaver weaver = weaver(MethodAdvice.on(named("greet"), GreetAdvice.class.getName()));
        assertNull(weaver.transform(null, getClass().getClassLoader(), GREETER.replace('.', '/'), null, null,
                new byte[] {(byte) 0xCA, (byte) 0xFE}));
    }

    @Test
    void anAdviceClassMissingFromTheAgentIsAnError() {
        IOException e = assertThrows(IOException.class,
                () -> weaver(MethodAdvice.on(named("greet"), "io.remora.agent.NoSuchAdvice")));
        assertEquals("advice class io.remora.agent.NoSuchAdvice not found in the agent", e.getMessage());
    }

    /**
     * Old drivers and libraries still ship class files of Java 1.4 and before (no stack map frames,
     * no class constants, no invokedynamic): the woven class must still pass the JVM's verifier, or
     * the application's class would fail to load.
     */
    @Test
    void aClassOfAnOldClassFileVersionIsWovenIntoOneTheJvmStillLoads() throws Exception {
        String name = OldGreeter.class.getName();
        byte[] java14 = classFile(name);
        java14[4] = 0;
        java14[5] = 0;
        java14[6] = 0;
        java14[7] = 48; // Java 1.4
        byte[] woven = weaver(MethodAdvice.on(named("greet"), GreetAdvice.class.getName()))
                .weave(getClass().getClassLoader(), java14);
        assertNotNull(woven);
        assertEquals(48, woven[7]);
        Class<?> loaded = new OneClassLoader(name, woven).loadClass(name);
        Object greeter = loaded.getConstructor().newInstance();
        assertEquals("ADA", loaded.getMethod("greet", String.class).invoke(greeter, "ada"));
        InvocationTargetException thrown = assertThrows(InvocationTargetException.class,
                () -> loaded.getMethod("greet", String.class).invoke(greeter, ""));
        assertEquals(IllegalArgumentException.class, thrown.getCause().getClass());
        assertEquals(List.of("greet ada -> ADA", "greet  threw IllegalArgumentException"), Seen.calls);
    }

    /** The warm-up must weave what it claims to, or it warms up nothing (it fails only at debug level). */
    @Test
    void theWarmUpWeavesAClassTheJvmLoads() throws Exception {
        String name = Instrumenter.WarmUpTarget.class.getName();
        byte[] woven = Instrumenter.warmUpWeaving(null, Object.class.getModule(), new FailureLog());
        assertNotNull(woven);
        Class<?> loaded = new OneClassLoader(name, woven).loadClass(name);
        java.lang.reflect.Constructor<?> constructor = loaded.getDeclaredConstructor(String.class);
        constructor.setAccessible(true);
        Object target = constructor.newInstance("target");
        java.lang.reflect.Method handle = loaded.getDeclaredMethod("handle", String.class, int.class);
        handle.setAccessible(true);
        assertEquals("target", handle.invoke(target, "request", 2));
    }

    /** A web application redeployed, a script engine's loader dropped: what was parsed for it must not keep it. */
    @Test
    void aLoaderWhoseClassesWereWovenCanStillBeCollected() throws Exception {
        AdviceWeaver weaver = weaver(MethodAdvice.on(named("greet"), GreetAdvice.class.getName()));
        WeakReference<ClassLoader> dropped = weaveInAThrowawayLoader(weaver);
        for (int i = 0; i < 100 && dropped.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(dropped.get(), "the weaver's caches keep the application's loader alive");
        assertNotNull(weaver.weave(getClass().getClassLoader(), classFile(GREETER))); // still in use
    }

    private static WeakReference<ClassLoader> weaveInAThrowawayLoader(AdviceWeaver weaver) throws IOException {
        ClassLoader loader = new ClassLoader(AdviceWeaverTest.class.getClassLoader()) { };
        assertNotNull(weaver.weave(loader, classFile(GREETER)));
        return new WeakReference<>(loader);
    }

    private Class<?> weaveAndLoad(MethodAdvice advice) throws IOException, ClassNotFoundException {
        byte[] woven = weaver(advice).weave(getClass().getClassLoader(), classFile(GREETER));
        assertNotNull(woven);
        return new OneClassLoader(GREETER, woven).loadClass(GREETER);
    }

    private static AdviceWeaver weaver(MethodAdvice advice) throws IOException {
        return new AdviceWeaver(advice, AdviceWeaverTest.class.getClassLoader(), null, Object.class.getModule(),
                new FailureLog());
    }

    private static byte[] classFile(String name) throws IOException {
        try (InputStream in = AdviceWeaverTest.class.getClassLoader()
                .getResourceAsStream(name.replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    public static class Greeter {
        public String greet(String name) {
            if (name.isEmpty()) {
                throw new IllegalArgumentException("no name");
            }
            return "hello " + name;
        }
    }

    /** Nothing in it that a Java 1.4 class file could not hold. */
    public static class OldGreeter {
        public String greet(String name) {
            if (name.isEmpty()) {
                throw new IllegalArgumentException(name);
            }
            return name.toUpperCase(java.util.Locale.ROOT);
        }
    }

    static final class GreetAdvice {
        private GreetAdvice() {
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) String name, @Advice.Return Object greeting,
                @Advice.Thrown Throwable thrown) {
            Seen.calls.add("greet " + name + (thrown == null ? " -> " + greeting
                    : " threw " + thrown.getClass().getSimpleName()));
        }
    }

    static final class ConstructorAdvice {
        private ConstructorAdvice() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object built) {
            Seen.calls.add("built " + built.getClass().getName());
        }
    }
}
