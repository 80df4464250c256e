package io.remora.agent.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Defines the classes of {@code bootstrap/} in the bootstrap class loader, so that advice woven into
 * JDK classes (and into any class whose loader delegates to the bootstrap loader) can call them.
 * They are defined one by one rather than by appending a jar to the bootstrap search path, which
 * would switch class-data sharing off for the application's own classes. Must run before the agent
 * class loader loads any of them: that loader asks its parents first and then finds these.
 */
final class BootstrapInjector {

    static final String METERS = "io.remora.bootstrap.meter.";
    private static final String ENTRY_SUFFIX = ".classdata";
    /** Written by the build, beside the classes: their entries below the jar's {@code inst/}, one a line. */
    private static final String INDEX = "io/remora/bootstrap/classes.idx";

    private BootstrapInjector() {
    }

    /**
     * @param meters the meter package ({@value #METERS}, self-contained: the exporter's and the JVM
     *     collectors' meters) if true, every other class if false
     * @return the number of classes defined
     * @throws IllegalStateException naming what could not be done; nothing is left half-defined
     *     that the agent would use, as the agent then runs without instrumentation
     */
    static int inject(Instrumentation instrumentation, boolean meters) {
        Map<String, byte[]> classes = readClasses(meters);
        Method define = unsafeDefineClass(instrumentation);
        Object unsafe = unsafe(define);
        List<String> pending = new ArrayList<>(classes.keySet());
        // a class is defined only once its superclass and interfaces are: retry until none progresses
        while (!pending.isEmpty()) {
            List<String> failed = new ArrayList<>();
            Throwable lastFailure = null;
            for (String name : pending) {
                byte[] bytes = classes.get(name);
                try {
                    define.invoke(unsafe, name, bytes, 0, bytes.length, null, (ProtectionDomain) null);
                } catch (InvocationTargetException e) {
                    if (!(e.getCause() instanceof NoClassDefFoundError)) {
                        throw new IllegalStateException("cannot define " + name + " in the bootstrap loader: "
                                + e.getCause(), e.getCause());
                    }
                    failed.add(name);
                    lastFailure = e.getCause();
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot define " + name + ": " + e, e);
                }
            }
            if (failed.size() == pending.size()) {
                throw new IllegalStateException("cannot define " + failed + " in the bootstrap loader: " + lastFailure);
            }
            pending = failed;
        }
        return classes.size();
    }

    /**
     * Class name to bytes of every bootstrap/ class, found through the index the build writes
     * ({@value #INDEX}) and read through the agent's loader, which holds its jar open: scanning the
     * jar's thousands of entries cost the agent thread about 10 ms before its exporter could start,
     * and opening it a second time to read them 3 to 5 ms more.
     */
    private static Map<String, byte[]> readClasses(boolean meters) {
        ClassLoader agent = BootstrapInjector.class.getClassLoader();
        Map<String, byte[]> classes = new LinkedHashMap<>();
        byte[] index = read(agent, INDEX, "the index of the bootstrap classes (not built by this project's build?)");
        for (String path : new String(index, StandardCharsets.UTF_8).split("\\R")) {
            if (path.isEmpty()) {
                continue;
            }
            String name = path.substring(0, path.length() - ENTRY_SUFFIX.length());
            String className = name.replace('/', '.');
            if (className.startsWith(METERS) == meters) {
                classes.put(className, read(agent, name + ".class", INDEX + " names " + path));
            }
        }
        if (classes.isEmpty()) {
            throw new IllegalStateException(INDEX + " lists no bootstrap class" + (meters ? " in " + METERS : ""));
        }
        return classes;
    }

    /** @throws IllegalStateException saying what was missing or unreadable */
    private static byte[] read(ClassLoader agent, String resource, String what) {
        try (InputStream in = agent.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the agent jar lacks " + what);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + what + ": " + e, e);
        }
    }

    /**
     * {@code jdk.internal.misc.Unsafe.defineClass}, which accepts the bootstrap loader (null); made
     * accessible through the Instrumentation API (no warning on any JDK), never sun.misc.Unsafe.
     */
    private static Method unsafeDefineClass(Instrumentation instrumentation) {
        Module javaBase = Object.class.getModule();
        Module self = BootstrapInjector.class.getModule();
        instrumentation.redefineModule(javaBase, Collections.<Module>emptySet(),
                Collections.singletonMap("jdk.internal.misc", Set.of(self)),
                Collections.<String, Set<Module>>emptyMap(), Collections.<Class<?>>emptySet(),
                Collections.<Class<?>, List<Class<?>>>emptyMap());
        try {
            Class<?> unsafe = Class.forName("jdk.internal.misc.Unsafe");
            return unsafe.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                    ClassLoader.class, ProtectionDomain.class);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this JDK has no jdk.internal.misc.Unsafe.defineClass: " + e, e);
        }
    }

    private static Object unsafe(Method define) {
        try {
            return define.getDeclaringClass().getMethod("getUnsafe").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot get jdk.internal.misc.Unsafe: " + e, e);
        }
    }
}
