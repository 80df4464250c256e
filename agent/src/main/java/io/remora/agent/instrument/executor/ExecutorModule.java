package io.remora.agent.instrument.executor;

import io.remora.agent.collect.PeriodicCollector;
import io.remora.agent.instrument.InstrumentationModule;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.bootstrap.executor.ExecutorPools;
import java.util.Arrays;
import java.util.List;

/**
 * Pools: every {@code ThreadPoolExecutor} (scheduled ones too) and {@code ForkJoinPool} registers
 * itself when built, and {@link ExecutorCollector} reads them each interval, with the common
 * ForkJoinPool. Two JDK classes are woven, by name, and neither is a pool class, whose running
 * worker loops would be left interpreted by its redefinition (see {@link ExecutorPools}):
 * {@code AbstractExecutorService}'s constructor ({@link ExecutorServiceAdvice}) and
 * {@code ThreadPoolExecutor.Worker.lock} ({@link PoolWorkerAdvice}).
 *
 * <p>The servlet containers' request pools, by exact class name: Tomcat's registers at the same
 * constructor, and its {@code Worker.lock} plays the JDK worker's part; Jetty's QueuedThreadPool at
 * {@code execute} ({@link QueuedThreadPoolAdvice}).
 */
public final class ExecutorModule implements InstrumentationModule {

    @Override
    public String name() {
        return "executor";
    }

    @Override
    public List<TypeInstrumentation> types() {
        return Arrays.<TypeInstrumentation>asList(new ExecutorServiceAdvice(),
                new PoolWorkerAdvice(PoolWorkerAdvice.JDK_WORKER), new PoolWorkerAdvice(PoolWorkerAdvice.TOMCAT_WORKER),
                new QueuedThreadPoolAdvice());
    }

    @Override
    public PeriodicCollector collector() {
        return new ExecutorCollector();
    }
}
