package io.remora.agent.instrument.executor;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.remora.agent.instrument.InstrumentationModule;
import io.remora.agent.instrument.PeriodicCollector;
import io.remora.bootstrap.executor.ExecutorPools;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadPoolExecutor;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * Thread pools: every {@code ThreadPoolExecutor} (scheduled ones too) registers itself when built,
 * and {@link ExecutorCollector} reads them each interval, with the common ForkJoinPool. Only the
 * one JDK class is woven, by name: its full constructor, which every other constructor, of its own
 * or of a subclass, ends in, so a pool registers once. The class is loaded before the agent is
 * installed and is retransformed; pools built before that are not measured.
 */
public final class ExecutorModule implements InstrumentationModule {

    private static final String THREAD_POOL_EXECUTOR = "java.util.concurrent.ThreadPoolExecutor";

    private final ExecutorCollector collector = new ExecutorCollector();

    @Override
    public String name() {
        return "executor";
    }

    @Override
    public List<String> jdkTypes() {
        return Collections.singletonList(THREAD_POOL_EXECUTOR);
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder) {
        return builder.type(named(THREAD_POOL_EXECUTOR)).transform(new AgentBuilder.Transformer.ForAdvice()
                .include(ExecutorModule.class.getClassLoader())
                .advice(isConstructor().and(takesArguments(7)), ConstructorAdvice.class.getName()));
    }

    @Override
    public PeriodicCollector collector() {
        return collector;
    }

    /** Inlined at the end of {@code ThreadPoolExecutor(core, max, keepAlive, unit, queue, factory, handler)}. */
    static final class ConstructorAdvice {

        private ConstructorAdvice() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This ThreadPoolExecutor self) {
            ExecutorPools.created(self);
        }
    }
}
