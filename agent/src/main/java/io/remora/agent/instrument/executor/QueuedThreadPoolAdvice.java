package io.remora.agent.instrument.executor;

import static io.remora.agent.instrument.inline.MethodMatcher.named;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArgument;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArguments;

import io.remora.agent.instrument.MethodAdvice;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import io.remora.bootstrap.executor.ExecutorPools;
import net.bytebuddy.asm.Advice;

/**
 * Jetty's {@code QueuedThreadPool.execute(Runnable)}, each task given to it (a known pool costs one
 * lookup), which also finds a pool started before the advice was in place; its worker loop
 * ({@code QueuedThreadPool$Runner}) is not woven.
 */
final class QueuedThreadPoolAdvice implements TypeInstrumentation {

    @Override
    public ClassMatch classes() {
        return ClassMatch.named(ExecutorPools.JETTY_POOL);
    }

    @Override
    public MethodAdvice advice() {
        return MethodAdvice.on(named("execute").and(takesArguments(1)).and(takesArgument(0, Runnable.class)),
                Execute.class.getName());
    }

    /** Inlined at the start of {@code QueuedThreadPool.execute(Runnable)}. */
    static final class Execute {

        private Execute() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object pool) {
            ExecutorPools.given(pool);
        }
    }
}
