package io.remora.agent.instrument;

import static io.remora.agent.instrument.inline.MethodMatcher.isConstructor;
import static io.remora.agent.instrument.inline.MethodMatcher.named;

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
 * by the {@link io.remora.agent.instrument.select.ClassSelector}, so they only inline the advice. Advice is inlined, so no class changes
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
        ClassLoader agentLoader = Instrumenter.class.getClassLoader();
        Module hooks = Meters.class.getModule();
        ClassFileTransformer[] transformers = new ClassFileTransformer[types.size()];
        for (int i = 0; i < transformers.length; i++) {
            transformers[i] = new AdviceWeaver(types.get(i).advice(), agentLoader, instrumentation, hooks, failures);
        }
        warmUp(instrumentation, hooks, failures);
        return transformers;
    }

    /**
     * The inliner and ASM load their classes, and their code is slowest, on the first weavings: done
     * here once, on the agent thread, so that the classes the application waits for are not the ones to
     * pay for it. The warm-up advice takes what the real advice takes (this, arguments, a field, the
     * return value, the exception, the method's name, a local, a value handed from enter to exit;
     * constructors too) and is woven into a class with the shapes advice meets (a constructor, a method
     * that returns or throws, branches with stack map frames); the result is thrown away.
     */
    private static void warmUp(Instrumentation instrumentation, Module hooks, FailureLog failures) {
        try {
            warmUpWeaving(instrumentation, hooks, failures);
        } catch (Exception e) {
            Log.debug("the weaving warm-up failed, no harm done: " + e);
        }
    }

    /** @return {@link WarmUpTarget} with the warm-up advice inlined */
    static byte[] warmUpWeaving(Instrumentation instrumentation, Module hooks, FailureLog failures)
            throws IOException {
        ClassLoader loader = Instrumenter.class.getClassLoader();
        String name = WarmUpTarget.class.getName();
        try (InputStream in = loader.getResourceAsStream(name.replace('.', '/') + ".class")) {
            MethodAdvice advice = MethodAdvice.on(named("handle"), WarmUpAdvice.class.getName())
                    .and(isConstructor(), WarmUpConstructorAdvice.class.getName());
            return new AdviceWeaver(advice, loader, instrumentation, hooks, failures).weave(loader, in.readAllBytes());
        }
    }

    /** Woven into, never run. */
    static final class WarmUpTarget {
        private final String name;

        WarmUpTarget(String name) {
            this.name = name;
        }

        String handle(String request, int attempts) throws java.io.IOException {
            for (int i = 0; i < attempts; i++) {
                if (request.isEmpty()) {
                    throw new java.io.IOException(name);
                }
            }
            return request.length() > attempts ? name : request;
        }
    }

    static final class WarmUpAdvice {

        private WarmUpAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Advice.Argument(0) String request, @Advice.Local("seen") boolean seen) {
            seen = request != null;
            return System.nanoTime();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long start, @Advice.This Object self, @Advice.FieldValue("name") String name,
                @Advice.Origin("#m") String method, @Advice.Return Object result, @Advice.Thrown Throwable thrown,
                @Advice.Local("seen") boolean seen) {
            if (seen && thrown != null && start == 0 && result == self && name == method) {
                throw new IllegalStateException(thrown);
            }
        }
    }

    static final class WarmUpConstructorAdvice {

        private WarmUpConstructorAdvice() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object built, @Advice.Argument(value = 1, optional = true) Object absent) {
            if (built == absent) {
                throw new IllegalStateException();
            }
        }
    }
}
