package io.remora.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small order service that knows nothing of Remora: a pool of workers takes orders, builds
 * them in memory (so the heap and the collector have work) and keeps a rolling cache. The demo
 * runs it under {@code -javaagent:remora-agent.jar}. Usage: {@code DemoApp SECONDS}.
 */
public final class DemoApp {

    private static final int WORKERS = 4;
    private static final int CACHE_SIZE = 2_000;

    private DemoApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 1) {
            System.err.println("usage: DemoApp SECONDS");
            System.exit(2);
        }
        long seconds = Long.parseLong(args[0]);
        AtomicLong orders = new AtomicLong();
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        for (int w = 0; w < WORKERS; w++) {
            long seed = w;
            workers.execute(() -> takeOrders(end, new Random(seed), orders));
        }
        long reportEvery = TimeUnit.SECONDS.toNanos(5);
        long nextReport = System.nanoTime() + reportEvery;
        while (System.nanoTime() < end) {
            TimeUnit.MILLISECONDS.sleep(100);
            if (System.nanoTime() >= nextReport) {
                System.out.printf("   %ds: %d orders taken%n",
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start), orders.get());
                nextReport += reportEvery;
            }
        }
        workers.shutdown();
        workers.awaitTermination(10, TimeUnit.SECONDS);
        System.out.printf("   done: %d orders taken%n", orders.get());
    }

    private static void takeOrders(long end, Random random, AtomicLong orders) {
        List<long[]> cache = new ArrayList<>(CACHE_SIZE);
        while (System.nanoTime() < end) {
            long[] order = new long[16 + random.nextInt(512)];
            for (int i = 0; i < order.length; i++) {
                order[i] = random.nextLong();
            }
            if (cache.size() == CACHE_SIZE) {
                cache.set(random.nextInt(CACHE_SIZE), order);
            } else {
                cache.add(order);
            }
            orders.incrementAndGet();
            if (orders.get() % 64 == 0) {
                try {
                    TimeUnit.MILLISECONDS.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
