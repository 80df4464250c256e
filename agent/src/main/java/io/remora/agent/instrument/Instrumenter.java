package io.remora.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;

import io.remora.bootstrap.Meters;
import io.remora.log.Log;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * Builds the {@link AdviceWeaver} of each type instrumentation: the classes reach them already chosen
 * by the {@link io.remora.agent.instrument.select.ClassSelector}, so none of Byte Buddy's type
 * matchers or ignore rules runs; they only weave the advice. Advice is inlined, so no class changes
 * shape and no helper class is injected, which is what lets loaded classes be retransformed.
 */
final class Instrumenter {

    private Instrumenter() {
    }

    /**
     * @return one transformer per type instrumentation, in the same order
     * @throws IOException when an advice class cannot be read from the agent's jar
     */
    static ClassFileTransformer[] transformers(Instrumentation instrumentation, List<TypeInstrumentation> types)
            throws IOException {
        FailureLog failures = new FailureLog();
        TypePools pools = new TypePools();
        ClassLoader agentLoader = Instrumenter.class.getClassLoader();
        Module hooks = Meters.class.getModule();
        ClassFileTransformer[] transformers = new ClassFileTransformer[types.size()];
        for (int i = 0; i < transformers.length; i++) {
            transformers[i] = new AdviceWeaver(types.get(i).advice(), agentLoader, pools, instrumentation, hooks,
                    failures);
        }
        warmUp(instrumentation, pools, hooks, failures);
        return transformers;
    }

    /**
     * Byte Buddy loads most of its classes, and its code is slowest, on its first weaving: done here
     * once, on the agent thread, so that the first class the application waits for is not the one to
     * pay for it. A no-op advice is woven into its own class; the result is thrown away.
     */
    private static void warmUp(Instrumentation instrumentation, TypePools pools, Module hooks, FailureLog failures) {
        ClassLoader loader = Instrumenter.class.getClassLoader();
        String name = WarmUpAdvice.class.getName();
        try (InputStream in = loader.getResourceAsStream(name.replace('.', '/') + ".class")) {
            new AdviceWeaver(MethodAdvice.on(isStatic(), name), loader, pools, instrumentation, hooks, failures)
                    .weave(loader, name, in.readAllBytes());
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
}
