package io.remora.agent.instrument;

import io.remora.agent.instrument.inline.AdviceClass;
import io.remora.agent.instrument.inline.Inliner;
import io.remora.agent.instrument.inline.MethodMatcher;
import io.remora.log.Log;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Inlines one type instrumentation's {@link MethodAdvice} into a chosen class with Remora's own
 * {@link Inliner}. The classes reach it already chosen, so none of Byte Buddy's type matching runs,
 * and the advice is read once, here, when the instrumentation is installed. Advice only adds code to
 * the methods it matches, so no class changes shape and a loaded class can be retransformed.
 */
final class AdviceWeaver implements ClassFileTransformer {

    private final Inliner inliner;
    private final Instrumentation instrumentation;
    /** The module of the hooks that advice calls (the bootstrap loader's unnamed one). */
    private final Module hooks;
    private final FailureLog failures;

    /**
     * @throws IOException when an advice class's file cannot be read from the agent's jar
     * @throws IllegalArgumentException when an advice class uses what the inliner does not support
     */
    AdviceWeaver(MethodAdvice advice, ClassLoader agentLoader, Instrumentation instrumentation, Module hooks,
            FailureLog failures) throws IOException {
        this.instrumentation = instrumentation;
        this.hooks = hooks;
        this.failures = failures;
        Map<String, AdviceClass> parsed = new HashMap<>();
        List<MethodMatcher> matchers = new ArrayList<>();
        List<AdviceClass> adviceClasses = new ArrayList<>();
        for (int i = 0; i < advice.size(); i++) {
            AdviceClass adviceClass = parsed.get(advice.adviceClass(i));
            if (adviceClass == null) { // one advice class for several methods (a servlet's service, a filter's doFilter)
                RenamedAdvice renaming = advice.renaming(i);
                adviceClass = AdviceClass.parse(renaming == null ? classFile(agentLoader, advice.adviceClass(i))
                        : renaming.classFile(classFile(agentLoader, renaming.source())));
                parsed.put(advice.adviceClass(i), adviceClass);
            }
            matchers.add(advice.methods(i));
            adviceClasses.add(adviceClass);
        }
        this.inliner = new Inliner(matchers, adviceClasses);
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
            byte[] woven = weave(loader, classFile);
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
    byte[] weave(ClassLoader loader, byte[] classFile) {
        return inliner.inline(loader, classFile);
    }

    /** Advice woven into a named module (java.base, java.net.http) calls hooks it must be able to read. */
    private void letReadHooks(Module module) {
        if (module != null && module.isNamed() && !module.canRead(hooks)) {
            instrumentation.redefineModule(module, Collections.singleton(hooks), Collections.emptyMap(),
                    Collections.emptyMap(), Collections.emptySet(), Collections.emptyMap());
        }
    }
}
