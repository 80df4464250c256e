package io.remora.agent.instrument.executor;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.remora.agent.instrument.InstrumentationModule;
import io.remora.agent.instrument.PeriodicCollector;
import io.remora.bootstrap.executor.ExecutorPools;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * Pools: every {@code ThreadPoolExecutor} (scheduled ones too) and {@code ForkJoinPool} registers
 * itself when built, and {@link ExecutorCollector} reads them each interval, with the common
 * ForkJoinPool. Two JDK classes are woven, by name, and neither is a pool class, whose running
 * worker loops would be left interpreted by its redefinition (see {@link ExecutorPools}):
 * {@code AbstractExecutorService}'s constructor, which every pool's construction starts with, and
 * {@code ThreadPoolExecutor.Worker.lock}, which a worker calls before each task, so that a pool built
 * before the advice was in place is registered at its next task.
 *
 * <p>The servlet containers' request pools, by exact class name: Tomcat's registers at the same
 * constructor, and its {@code Worker.lock} plays the JDK worker's part; Jetty's QueuedThreadPool at
 * {@code execute}, each task given to it (a known pool costs one lookup), which also finds a pool
 * started before the advice was in place. Neither pool class is woven where its worker loop runs
 * (Tomcat's {@code runWorker}, Jetty's {@code QueuedThreadPool$Runner}).
 */
public final class ExecutorModule implements InstrumentationModule {

    private static final String ABSTRACT_EXECUTOR_SERVICE = "java.util.concurrent.AbstractExecutorService";
    private static final String WORKER = "java.util.concurrent.ThreadPoolExecutor$Worker";
    private static final String TOMCAT_WORKER = ExecutorPools.TOMCAT_POOL + "$Worker";

    private final ExecutorCollector collector = new ExecutorCollector();

    @Override
    public String name() {
        return "executor";
    }

    @Override
    public List<String> jdkTypes() {
        return Arrays.asList(ABSTRACT_EXECUTOR_SERVICE, WORKER);
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder) {
        return builder
                .type(named(ABSTRACT_EXECUTOR_SERVICE)).transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(ExecutorModule.class.getClassLoader())
                        .advice(isConstructor(), ConstructorAdvice.class.getName()))
                .type(named(WORKER)).transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(ExecutorModule.class.getClassLoader())
                        .advice(named("lock").and(takesArguments(0)), WorkerAdvice.class.getName()))
                .type(named(TOMCAT_WORKER)).transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(ExecutorModule.class.getClassLoader())
                        .advice(named("lock").and(takesArguments(0)), WorkerAdvice.class.getName()))
                .type(named(ExecutorPools.JETTY_POOL)).transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(ExecutorModule.class.getClassLoader())
                        .advice(named("execute").and(takesArguments(1)).and(takesArgument(0, Runnable.class)),
                                JettyExecuteAdvice.class.getName()));
    }

    @Override
    public PeriodicCollector collector() {
        return collector;
    }

    /** Inlined at the end of {@code AbstractExecutorService()}. */
    static final class ConstructorAdvice {

        private ConstructorAdvice() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object self) {
            ExecutorPools.constructing(self);
        }
    }

    /**
     * Inlined at the start of {@code Worker.lock()} of the JDK's and Tomcat's ThreadPoolExecutor: the
     * worker's pool is its outer instance.
     */
    static final class WorkerAdvice {

        private WorkerAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.FieldValue("this$0") Object pool) {
            ExecutorPools.running(pool);
        }
    }

    /** Inlined at the start of Jetty's {@code QueuedThreadPool.execute(Runnable)}. */
    static final class JettyExecuteAdvice {

        private JettyExecuteAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object pool) {
            ExecutorPools.given(pool);
        }
    }
}
