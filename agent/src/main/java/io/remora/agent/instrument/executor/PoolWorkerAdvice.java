package io.remora.agent.instrument.executor;

import static io.remora.agent.instrument.inline.MethodMatcher.named;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArguments;

import io.remora.agent.instrument.MethodAdvice;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import io.remora.bootstrap.executor.ExecutorPools;
import net.bytebuddy.asm.Advice;

/**
 * A ThreadPoolExecutor's {@code Worker.lock()}, the JDK's or Tomcat's, which a worker calls before
 * each task: a pool built before the advice was in place is registered at its next task. The worker
 * class is woven, not the pool's, whose running {@code runWorker} loops would stay interpreted.
 */
final class PoolWorkerAdvice implements TypeInstrumentation {

    static final String JDK_WORKER = "java.util.concurrent.ThreadPoolExecutor$Worker";
    static final String TOMCAT_WORKER = ExecutorPools.TOMCAT_POOL + "$Worker";

    private final String workerClass;

    PoolWorkerAdvice(String workerClass) {
        this.workerClass = workerClass;
    }

    @Override
    public ClassMatch classes() {
        return ClassMatch.named(workerClass);
    }

    @Override
    public MethodAdvice advice() {
        return MethodAdvice.on(named("lock").and(takesArguments(0)), Lock.class.getName());
    }

    /** Inlined at the start of {@code Worker.lock()}: the worker's pool is its outer instance. */
    static final class Lock {

        private Lock() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.FieldValue("this$0") Object pool) {
            ExecutorPools.running(pool);
        }
    }
}
