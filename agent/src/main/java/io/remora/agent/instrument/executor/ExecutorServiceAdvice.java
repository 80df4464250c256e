package io.remora.agent.instrument.executor;

import static io.remora.agent.instrument.inline.MethodMatcher.isConstructor;

import io.remora.agent.instrument.MethodAdvice;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import io.remora.bootstrap.executor.ExecutorPools;
import net.bytebuddy.asm.Advice;

/**
 * {@code AbstractExecutorService}'s constructor, which every pool's construction starts with (the
 * JDK's ThreadPoolExecutor and ForkJoinPool, Tomcat's): the pool registers itself.
 */
final class ExecutorServiceAdvice implements TypeInstrumentation {

    private static final String ABSTRACT_EXECUTOR_SERVICE = "java.util.concurrent.AbstractExecutorService";

    @Override
    public ClassMatch classes() {
        return ClassMatch.named(ABSTRACT_EXECUTOR_SERVICE);
    }

    @Override
    public MethodAdvice advice() {
        return MethodAdvice.on(isConstructor(), Constructed.class.getName());
    }

    /** Inlined at the end of {@code AbstractExecutorService()}. */
    static final class Constructed {

        private Constructed() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object self) {
            ExecutorPools.constructing(self);
        }
    }
}
