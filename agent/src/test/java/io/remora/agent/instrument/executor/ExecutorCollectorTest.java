package io.remora.agent.instrument.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.agent.jvm.RecordingWriter;
import io.remora.bootstrap.executor.ExecutorPools;
import io.remora.log.Log;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Pools registered as the advice would register them, read as the agent reads them each interval. */
class ExecutorCollectorTest {

    private static final String SITE = ExecutorCollectorTest.class.getName();

    private final RecordingWriter writer = new RecordingWriter();
    private final ExecutorCollector collector = new ExecutorCollector();

    @Test
    void aPoolThatCannotBeReadIsReportedAndDroppedAndTheOthersGoOn() {
        ThreadPoolExecutor healthy = healthyPool();
        ThreadPoolExecutor broken = brokenPool();
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        Log.setOutput(new PrintStream(logged, true, StandardCharsets.UTF_8));
        try {
            collector.collect(writer, 1000L);
            collector.collect(writer, 2000L);
        } finally {
            Log.setOutput(System.err);
            healthy.shutdownNow();
            broken.shutdownNow();
        }
        assertEquals("remora: pool " + SITE + ".brokenPool could not be read (java.lang.IllegalStateException:"
                + " broken getter); no longer measured" + System.lineSeparator(), logged.toString(StandardCharsets.UTF_8));
        assertEquals(2.0, writer.value(maxThreadsOf("healthyPool")));
        assertNull(writer.value(maxThreadsOf("brokenPool")));
    }

    @Test
    void aPoolStillUnderConstructionIsReadFromTheNextRound() {
        UnfinishedPool unfinished = unfinishedPool();
        try {
            collector.collect(writer, 1000L);
            assertNull(writer.value(maxThreadsOf("unfinishedPool")));
            unfinished.queueSet = true;
            collector.collect(writer, 2000L);
            assertEquals(3.0, writer.value(maxThreadsOf("unfinishedPool")));
        } finally {
            unfinished.shutdownNow();
        }
    }

    @Test
    void aForkJoinPoolReportsItsParallelismAsMaxAndHasNoCompletedCount() throws Exception {
        ForkJoinPool forks = forkJoinPool();
        try {
            forks.submit(() -> { }).get();
            collector.collect(writer, 1000L);
        } finally {
            forks.shutdown();
        }
        assertEquals(3.0, writer.value(maxThreadsOf("forkJoinPool")));
        assertEquals(0.0, writer.value("executor_queued_tasks{name=\"" + SITE + ".forkJoinPool\"}"));
        assertNull(writer.value("executor_completed_tasks_total{name=\"" + SITE + ".forkJoinPool\"}"));
        assertTrue(forks.awaitTermination(10, TimeUnit.SECONDS));
        collector.collect(writer, 2000L);
        writer.clear();
        collector.collect(writer, 3000L);
        assertNull(writer.value(maxThreadsOf("forkJoinPool")), "a terminated pool is dropped after its last figures");
    }

    @Test
    void theCommonPoolIsReadUnderItsOwnNameOnlyEvenWhenItRegistered() {
        commonPoolRegistering();
        collector.collect(writer, 1000L);
        assertNull(writer.value(maxThreadsOf("commonPoolRegistering")));
        assertEquals((double) ForkJoinPool.commonPool().getParallelism(),
                writer.value("executor_pool_max_threads{name=\"" + ExecutorCollector.COMMON_POOL + "\"}"));
    }

    private static void commonPoolRegistering() {
        ExecutorPools.constructing(ForkJoinPool.commonPool());
    }

    private static String maxThreadsOf(String buildingMethod) {
        return "executor_pool_max_threads{name=\"" + SITE + "." + buildingMethod + "\"}";
    }

    private static ThreadPoolExecutor healthyPool() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        ExecutorPools.constructing(pool);
        return pool;
    }

    private static ForkJoinPool forkJoinPool() {
        ForkJoinPool pool = new ForkJoinPool(3);
        ExecutorPools.constructing(pool);
        return pool;
    }

    private static ThreadPoolExecutor brokenPool() {
        return new BrokenPool();
    }

    private static UnfinishedPool unfinishedPool() {
        return new UnfinishedPool();
    }

    /** An application's subclass whose own getter fails. */
    private static final class BrokenPool extends ThreadPoolExecutor {
        BrokenPool() {
            super(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
            ExecutorPools.constructing(this);
        }

        @Override
        public int getActiveCount() {
            throw new IllegalStateException("broken getter");
        }
    }

    /** Reads as a pool whose constructor has not yet set its queue. */
    private static final class UnfinishedPool extends ThreadPoolExecutor {
        volatile boolean queueSet;

        UnfinishedPool() {
            super(1, 3, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
            ExecutorPools.constructing(this);
        }

        @Override
        public BlockingQueue<Runnable> getQueue() {
            return queueSet ? super.getQueue() : null;
        }
    }
}
