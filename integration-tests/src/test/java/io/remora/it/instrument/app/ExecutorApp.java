package io.remora.it.instrument.app;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Three pools with known work. {@code fixed()} builds a pool of {@value #THREADS} threads and, the
 * second time, one of 1 (named {@code ...ExecutorApp.fixed} and {@code ...ExecutorApp.fixed#2});
 * {@code scheduled()} builds a scheduled pool of 2. The first runs {@value #QUICK_TASKS} tasks,
 * the second {@value #SINGLE_TASKS}, the scheduled one one task now and one an hour ahead (queued).
 * Then the first pool gets {@value #THREADS} tasks that block on a latch and {@value #QUEUED} more
 * that wait in its queue; the app prints {@code blocked} and holds that state until the test
 * creates {@code <gate>.release}, then lets everything finish and shuts the pools down. A fourth
 * pool of 1, its thread named {@value #EARLY_THREAD}, is built and runs {@value #EARLY_TASKS_BEFORE}
 * tasks before the gate, while the agent installs its advice, and {@value #EARLY_TASKS_AFTER} more
 * in {@code useEarly()} after it, on the same worker, whose loop was running all along. A
 * ForkJoinPool of parallelism {@value #FORK_PARALLELISM} built in {@code forkJoin()} runs
 * {@value #FORK_TASKS} tasks, one after the other, before {@code blocked}.
 */
public final class ExecutorApp {

    public static final int THREADS = 3;
    public static final int QUICK_TASKS = 10;
    public static final int SINGLE_TASKS = 2;
    public static final int QUEUED = 4;
    public static final int EARLY_TASKS_BEFORE = 2;
    public static final int EARLY_TASKS_AFTER = 3;
    public static final String EARLY_THREAD = "early-worker-1";
    public static final int FORK_PARALLELISM = 2;
    public static final int FORK_TASKS = 3;

    private ExecutorApp() {
    }

    public static void main(String[] args) throws Exception {
        // built and used at once, while the agent installs its advice: the executor classes wait for it
        ThreadPoolExecutor early = (ThreadPoolExecutor) Executors.newFixedThreadPool(1,
                task -> new Thread(task, EARLY_THREAD));
        runAll(early, EARLY_TASKS_BEFORE, new CountDownLatch(0));
        Gate.await(args[0]);
        useEarly(early);
        ThreadPoolExecutor workers = fixed(THREADS);
        ThreadPoolExecutor single = fixed(1);
        ScheduledThreadPoolExecutor timers = scheduled();

        runAll(workers, QUICK_TASKS, new CountDownLatch(0));
        runAll(single, SINGLE_TASKS, new CountDownLatch(0));
        timers.schedule(() -> { }, 0, TimeUnit.MILLISECONDS).get();
        timers.schedule(() -> { }, 1, TimeUnit.HOURS);
        ForkJoinPool forks = forkJoin();
        for (int i = 0; i < FORK_TASKS; i++) {
            forks.submit(() -> { }).get();
        }

        CountDownLatch release = new CountDownLatch(1);
        List<Future<?>> blocked = new ArrayList<>();
        for (int i = 0; i < THREADS + QUEUED; i++) {
            blocked.add(workers.submit(() -> {
                release.await();
                return null;
            }));
        }
        while (workers.getActiveCount() < THREADS || workers.getQueue().size() < QUEUED) {
            Thread.sleep(10);
        }
        System.out.println("blocked common-pool-parallelism " + ForkJoinPool.commonPool().getParallelism());
        Gate.await(args[0] + ".release");
        release.countDown();
        for (Future<?> task : blocked) {
            task.get();
        }
        workers.shutdown();
        single.shutdown();
        timers.shutdownNow();
        early.shutdown();
        forks.shutdown();
        for (ExecutorService pool : List.of(workers, single, timers, early, forks)) {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException(pool + " did not terminate");
            }
        }
        System.out.println("completed " + workers.getCompletedTaskCount());
    }

    private static void useEarly(ThreadPoolExecutor early) throws Exception {
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < EARLY_TASKS_AFTER; i++) {
            futures.add(early.submit(() -> { }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
    }

    private static ThreadPoolExecutor fixed(int threads) {
        return (ThreadPoolExecutor) Executors.newFixedThreadPool(threads);
    }

    private static ForkJoinPool forkJoin() {
        return new ForkJoinPool(FORK_PARALLELISM);
    }

    private static ScheduledThreadPoolExecutor scheduled() {
        return new ScheduledThreadPoolExecutor(2);
    }

    private static void runAll(ThreadPoolExecutor pool, int tasks, CountDownLatch latch) throws Exception {
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            futures.add(pool.submit(() -> {
                latch.await();
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
    }
}
