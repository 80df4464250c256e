package io.remora.agent.instrument.executor;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.remora.agent.instrument.InstrumentationModule;
import io.remora.agent.instrument.PeriodicCollector;
import io.remora.bootstrap.executor.ExecutorPools;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadPoolExecutor;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * Thread pools: every {@code ThreadPoolExecutor} (scheduled ones too) registers itself when built,
 * and {@link ExecutorCollector} reads them each interval, with the common ForkJoinPool. Only the two
 * JDK classes are woven, by name: the full constructor, which every other constructor, of its own
 * or of a subclass, ends in, so a pool registers once; and the methods that take a task, where a
 * pool built before the advice was in place (the classes are loaded before the agent and are
 * retransformed) is registered at its first task after that.
 */
public final class ExecutorModule implements InstrumentationModule {

    private static final String THREAD_POOL_EXECUTOR = "java.util.concurrent.ThreadPoolExecutor";
    private static final String SCHEDULED_THREAD_POOL_EXECUTOR = "java.util.concurrent.ScheduledThreadPoolExecutor";

    private final ExecutorCollector collector = new ExecutorCollector();

    @Override
    public String name() {
        return "executor";
    }

    @Override
    public List<String> jdkTypes() {
        return Arrays.asList(THREAD_POOL_EXECUTOR, SCHEDULED_THREAD_POOL_EXECUTOR);
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder) {
        return builder
                .type(named(THREAD_POOL_EXECUTOR)).transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(ExecutorModule.class.getClassLoader())
                        .advice(isConstructor().and(takesArguments(7)), ConstructorAdvice.class.getName())
                        .advice(named("execute").and(takesArguments(Runnable.class)), SubmitAdvice.class.getName()))
                // a scheduled pool queues its tasks itself, without execute
                .type(named(SCHEDULED_THREAD_POOL_EXECUTOR)).transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(ExecutorModule.class.getClassLoader())
                        .advice(named("delayedExecute").and(takesArguments(1)), SubmitAdvice.class.getName()));
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

    /**
     * Inlined at the start of {@code execute} and {@code delayedExecute}: a pool built before the
     * advice was in place is registered at its first task; a known one costs a lookup.
     */
    static final class SubmitAdvice {

        private SubmitAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This ThreadPoolExecutor self) {
            ExecutorPools.submitted(self);
        }
    }
}
