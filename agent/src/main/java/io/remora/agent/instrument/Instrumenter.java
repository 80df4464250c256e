package io.remora.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.none;

import io.remora.bootstrap.Meters;
import io.remora.exporter.log.Log;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.utility.JavaModule;

/**
 * Builds Byte Buddy's transformer for each type instrumentation: the classes reach it already chosen
 * by the {@link io.remora.agent.instrument.select.ClassSelector}, so none of Byte Buddy's type
 * matchers or ignore rules runs; it only weaves the advice. Advice is inlined, so no class changes
 * shape and no helper class is injected, which is what lets loaded classes be retransformed.
 */
final class Instrumenter {

    /** Byte Buddy's switch for its Nexus, which it would otherwise set up through sun.misc.Unsafe. */
    private static final String NEXUS_DISABLED = "net.bytebuddy.nexus.disabled";

    private Instrumenter() {
    }

    /** @return one transformer per type instrumentation, in the same order */
    static ClassFileTransformer[] transformers(Instrumentation instrumentation, List<TypeInstrumentation> types) {
        FailureLog failures = new FailureLog();
        AgentBuilder.PoolStrategy typePools = new TypePoolCaches();
        // advice only changes the methods a class declares: no need for Byte Buddy's graph of every
        // method the class inherits, nor to validate a type it does not create
        ByteBuddy byteBuddy = new ByteBuddy().with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE)
                .with(TypeValidation.DISABLED);
        // advice woven into a named module (java.base, java.net.http) must read the bootstrap
        // loader's unnamed module, where the hooks are
        AgentBuilder.Listener readEdges = new AgentBuilder.Listener.ModuleReadEdgeCompleting(instrumentation, false,
                Collections.singleton(JavaModule.ofType(Meters.class)));
        ClassFileTransformer[] transformers = new ClassFileTransformer[types.size()];
        for (int i = 0; i < transformers.length; i++) {
            transformers[i] = weaver(byteBuddy, typePools)
                    .with(failures)
                    .with(readEdges)
                    .type(any())
                    .transform(types.get(i).transformer())
                    .makeRaw();
        }
        warmUp(byteBuddy, typePools);
        return transformers;
    }

    /**
     * What every transformer shares: advice that changes no class's shape, so loaded classes can be
     * retransformed; the shared type descriptions; and no ignore rules, the class selection having
     * chosen already.
     */
    private static AgentBuilder weaver(ByteBuddy byteBuddy, AgentBuilder.PoolStrategy typePools) {
        return newAgentBuilder(byteBuddy)
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(typePools)
                .ignore(none());
    }

    /**
     * Byte Buddy loads most of its classes, and its code is slowest, on its first transformation:
     * done here once, on the agent thread, so that the first class the application waits for is not
     * the one to pay for it. A no-op advice is woven into its own class; the result is thrown away.
     */
    private static void warmUp(ByteBuddy byteBuddy, AgentBuilder.PoolStrategy typePools) {
        ClassLoader loader = Instrumenter.class.getClassLoader();
        String name = WarmUpAdvice.class.getName();
        try (InputStream in = loader.getResourceAsStream(name.replace('.', '/') + ".class")) {
            weaver(byteBuddy, typePools).type(any())
                    .transform(new AgentBuilder.Transformer.ForAdvice().include(loader).advice(isStatic(), name))
                    .makeRaw()
                    .transform(loader, name.replace('.', '/'), null, null, in.readAllBytes());
        } catch (Exception e) {
            Log.debug("Byte Buddy's warm-up failed, no harm done: " + e);
        }
    }

    /** Woven into itself to warm Byte Buddy up. */
    static final class WarmUpAdvice {

        private WarmUpAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return System.nanoTime();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long start, @Advice.Thrown Throwable thrown) {
            if (thrown != null && start == 0) {
                throw new IllegalStateException(thrown);
            }
        }
    }

    /**
     * Creating an AgentBuilder initialises Byte Buddy's Nexus (a helper for self-initialising types,
     * which inlined advice never uses) and that touches sun.misc.Unsafe, which JDK 24+ reports on the
     * application's stderr. The Nexus reads its switch once, while its class initialises: the
     * property is set for that moment only and put back as it was.
     */
    private static AgentBuilder newAgentBuilder(ByteBuddy byteBuddy) {
        String before = System.getProperty(NEXUS_DISABLED);
        System.setProperty(NEXUS_DISABLED, "true");
        try {
            return new AgentBuilder.Default(byteBuddy);
        } finally {
            if (before == null) {
                System.clearProperty(NEXUS_DISABLED);
            } else {
                System.setProperty(NEXUS_DISABLED, before);
            }
        }
    }
}
