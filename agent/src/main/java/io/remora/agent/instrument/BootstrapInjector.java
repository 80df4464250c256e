package io.remora.agent.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Defines the classes of {@code bootstrap/} in the bootstrap class loader, so that advice woven into
 * JDK classes (and into any class whose loader delegates to the bootstrap loader) can call them.
 * They are defined one by one rather than by appending a jar to the bootstrap search path, which
 * would switch class-data sharing off for the application's own classes. Must run before the agent
 * class loader loads any of them: that loader asks its parents first and then finds these.
 */
final class BootstrapInjector {

    private static final String ENTRY_PREFIX = "inst/io/remora/bootstrap/";
    private static final String ENTRY_SUFFIX = ".classdata";
    /** Written by the build: the entries of the bootstrap classes below {@code inst/}, one a line. */
    private static final String INDEX = ENTRY_PREFIX + "classes.idx";

    private BootstrapInjector() {
    }

    /**
     * @return the number of classes defined
     * @throws IllegalStateException naming what could not be done; nothing is left half-defined
     *     that the agent would use, as the agent then runs without instrumentation
     */
    static int inject(Instrumentation instrumentation) {
        Map<String, byte[]> classes = readClasses(agentJar());
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

    private static Path agentJar() {
        try {
            return Paths.get(BootstrapInjector.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot locate the agent jar: " + e, e);
        }
    }

    /**
     * Class name to bytes of every bootstrap/ class in the agent jar, found through the index the build
     * writes ({@value #INDEX}): scanning the jar's thousands of entries on a cold JVM cost the agent
     * thread about 10 ms before its exporter could start.
     */
    private static Map<String, byte[]> readClasses(Path agentJar) {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (JarFile jar = new JarFile(agentJar.toFile(), false)) {
            JarEntry index = jar.getJarEntry(INDEX);
            if (index == null) {
                throw new IllegalStateException(agentJar + " has no " + INDEX + " (not built by this project's build?)");
            }
            String[] paths;
            try (InputStream in = jar.getInputStream(index)) {
                paths = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R");
            }
            for (String path : paths) {
                if (path.isEmpty()) {
                    continue;
                }
                JarEntry entry = jar.getJarEntry("inst/" + path);
                if (entry == null) {
                    throw new IllegalStateException(agentJar + ": " + INDEX + " names inst/" + path + ", which it lacks");
                }
                String name = path.substring(0, path.length() - ENTRY_SUFFIX.length()).replace('/', '.');
                try (InputStream in = jar.getInputStream(entry)) {
                    classes.put(name, in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bootstrap classes from " + agentJar + ": " + e, e);
        }
        if (classes.isEmpty()) {
            throw new IllegalStateException(agentJar + " holds no bootstrap classes under " + ENTRY_PREFIX);
        }
        return classes;
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
