package io.remora.agent.instrument;

import io.remora.log.Log;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.TypeInitializer;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.AsmClassWriter;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Inlines one type instrumentation's {@link MethodAdvice} into a chosen class: Byte Buddy's
 * {@link Advice} applied straight to the class file with ASM, not through an {@code AgentBuilder}.
 * The classes reach it already chosen, so none of the AgentBuilder's matching, listeners or type
 * builders is needed, and leaving it out halves what Byte Buddy costs a service at start-up (about
 * 500 fewer classes to load and verify, and half the CPU to weave). Advice only adds code to the
 * methods it matches, so no class changes shape and a loaded class can be retransformed.
 */
final class AdviceWeaver implements ClassFileTransformer {

    private final MethodAdvice advice;
    /** The advice classes' files, read once from the agent's loader: the application's loaders cannot find them. */
    private final Map<String, byte[]> adviceClassFiles;
    private final AgentClassFiles agentClassFiles;
    private final TypePools pools;
    private final Instrumentation instrumentation;
    /** The module of the hooks that advice calls (the bootstrap loader's unnamed one). */
    private final Module hooks;
    private final FailureLog failures;

    /** @throws IOException when an advice class's file cannot be read from the agent's jar */
    AdviceWeaver(MethodAdvice advice, ClassLoader agentLoader, TypePools pools, Instrumentation instrumentation,
            Module hooks, FailureLog failures) throws IOException {
        this.advice = advice;
        this.agentClassFiles = new AgentClassFiles(agentLoader);
        this.pools = pools;
        this.instrumentation = instrumentation;
        this.hooks = hooks;
        this.failures = failures;
        Map<String, byte[]> classFiles = new HashMap<>();
        for (int i = 0; i < advice.size(); i++) {
            if (classFiles.containsKey(advice.adviceClass(i))) {
                continue; // one advice class for several methods (a servlet's service, a filter's doFilter)
            }
            RenamedAdvice renaming = advice.renaming(i);
            classFiles.put(advice.adviceClass(i), renaming == null ? classFile(agentLoader, advice.adviceClass(i))
                    : renaming.classFile(classFile(agentLoader, renaming.source())));
        }
        this.adviceClassFiles = Collections.unmodifiableMap(classFiles);
    }

    private static byte[] classFile(ClassLoader loader, String name) throws IOException {
        try (InputStream in = loader.getResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in == null) {
                throw new IOException("advice class " + name + " not found in the agent");
            }
            return in.readAllBytes();
        }
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
            ProtectionDomain domain, byte[] classFile) {
        String name = internalName.replace('/', '.');
        try {
            byte[] woven = weave(loader, name, classFile);
            if (woven != null) {
                letReadHooks(module);
                Log.debug("instrumented " + name);
            }
            return woven;
        } catch (Throwable t) {
            failures.failed(name, t);
            return null;
        }
    }

    /** @return the class file with the advice inlined, or null when the class declares none of its methods */
    byte[] weave(ClassLoader loader, String name, byte[] classFile) {
        Map<String, byte[]> known = new HashMap<>(adviceClassFiles);
        known.put(name, classFile);
        // the agent's own classes first (see AgentClassFiles); the application's loader for its types, held
        // weakly: what is parsed is kept per loader while it lives, and must not keep it alive
        ClassFileLocator classFiles = new ClassFileLocator.Compound(new ClassFileLocator.Simple(known),
                agentClassFiles, ClassFileLocator.ForClassLoader.WeaklyReferenced.of(loader));
        TypePool pool = pools.of(loader, classFiles);
        TypeDescription type = pool.describe(name).resolve();
        MethodList<?> methods = type.getDeclaredMethods();
        AsmVisitorWrapper.ForDeclaredMethods visitors = new AsmVisitorWrapper.ForDeclaredMethods();
        boolean matched = false;
        for (int i = 0; i < advice.size(); i++) {
            if (declaresAny(methods, i)) {
                matched = true;
                visitors = visitors.invokable(advice.methods(i),
                        Advice.to(pool.describe(advice.adviceClass(i)).resolve(), classFiles));
            }
        }
        if (!matched) {
            return null;
        }
        int writerFlags = visitors.mergeWriter(AsmVisitorWrapper.NO_FLAGS);
        int readerFlags = visitors.mergeReader(AsmVisitorWrapper.NO_FLAGS);
        ClassReader reader = OpenedClassReader.of(classFile);
        // should frames ever be computed, supertypes are resolved from the pool, never by loading a class
        ClassWriter writer = new AsmClassWriter.FrameComputingClassWriter(reader, writerFlags, pool);
        ClassFileVersion version = ClassFileVersion.ofClassFile(classFile);
        // inlined advice adds no field, method or auxiliary class: a context that allows none (and names none)
        Implementation.Context.ExtractableView context = Implementation.Context.Disabled.Factory.INSTANCE.make(type,
                null, TypeInitializer.None.INSTANCE, version, version);
        reader.accept(visitors.wrap(type, writer, context, pool, type.getDeclaredFields(), methods, writerFlags,
                readerFlags), readerFlags);
        return writer.toByteArray();
    }

    private boolean declaresAny(MethodList<?> methods, int adviceIndex) {
        for (MethodDescription method : methods) {
            if (advice.methods(adviceIndex).matches(method)) {
                return true;
            }
        }
        return false;
    }

    /** Advice woven into a named module (java.base, java.net.http) calls hooks it must be able to read. */
    private void letReadHooks(Module module) {
        if (module != null && module.isNamed() && !module.canRead(hooks)) {
            instrumentation.redefineModule(module, Collections.singleton(hooks), Collections.emptyMap(),
                    Collections.emptyMap(), Collections.emptySet(), Collections.emptyMap());
        }
    }
}
