package io.remora.agent.instrument.executor;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.remora.agent.collect.PeriodicCollector;
import io.remora.agent.instrument.InstrumentationModule;
import io.remora.agent.instrument.MethodAdvice;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import io.remora.bootstrap.executor.ExecutorPools;
import java.util.Arrays;
import java.util.List;
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

    @Override
    public String name() {
        return "executor";
    }

    @Override
    public List<TypeInstrumentation> types() {
        return Arrays.<TypeInstrumentation>asList(new Constructors(), new Workers(WORKER), new Workers(TOMCAT_WORKER),
                new JettyPools());
    }

    @Override
    public PeriodicCollector collector() {
        return new ExecutorCollector();
    }

    private static final class Constructors implements TypeInstrumentation {

        @Override
        public ClassMatch classes() {
            return ClassMatch.named(ABSTRACT_EXECUTOR_SERVICE);
        }

        @Override
        public MethodAdvice advice() {
            return MethodAdvice.on(isConstructor(), ConstructorAdvice.class.getName());
        }
    }

    /** The JDK's and Tomcat's ThreadPoolExecutor workers. */
    private static final class Workers implements TypeInstrumentation {
        private final String workerClass;

        Workers(String workerClass) {
            this.workerClass = workerClass;
        }

        @Override
        public ClassMatch classes() {
            return ClassMatch.named(workerClass);
        }

        @Override
        public MethodAdvice advice() {
            return MethodAdvice.on(named("lock").and(takesArguments(0)), WorkerAdvice.class.getName());
        }
    }

    private static final class JettyPools implements TypeInstrumentation {

        @Override
        public ClassMatch classes() {
            return ClassMatch.named(ExecutorPools.JETTY_POOL);
        }

        @Override
        public MethodAdvice advice() {
            return MethodAdvice.on(named("execute").and(takesArguments(1)).and(takesArgument(0, Runnable.class)),
                    JettyExecuteAdvice.class.getName());
        }
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
