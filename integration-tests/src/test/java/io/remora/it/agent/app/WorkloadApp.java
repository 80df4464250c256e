package io.remora.it.agent.app;

import java.util.ArrayList;
import java.util.List;

/**
 * The application the agent tests run in a child JVM: for the given number of milliseconds it
 * allocates (enough for young collections), runs a few threads and burns CPU. Its output and exit
 * code depend on nothing but the JVM's version, so a run with the agent can be compared to one
 * without.
 */
public final class WorkloadApp {

    public static final String STARTED = "workload started on java ";
    public static final String FINISHED = "workload finished: " + WorkloadApp.WORKERS + " workers";
    public static final int EXIT_CODE = 7;

    static final int WORKERS = 3;
    private static final long BURST_NANOS = 20_000_000L;
    private static final long PAUSE_MILLIS = 20;

    private WorkloadApp() {
    }

    /** {@code args[0]}: how long to run, in milliseconds. */
    public static void main(String[] args) throws InterruptedException {
        long deadline = System.nanoTime() + Long.parseLong(args[0]) * 1_000_000L;
        System.out.println(STARTED + System.getProperty("java.runtime.version"));
        System.out.flush();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            Thread worker = new Thread(() -> work(deadline), "workload-" + i);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        System.out.println(FINISHED);
        System.exit(EXIT_CODE);
    }

    /**
     * Short-lived garbage with a few survivors and arithmetic between allocations, in bursts with
     * pauses between: busy, but leaving the agent's thread some of a small machine's CPU.
     */
    private static void work(long deadline) {
        byte[][] survivors = new byte[64][];
        long hash = 17;
        int round = 0;
        while (System.nanoTime() < deadline) {
            long burstEnd = System.nanoTime() + BURST_NANOS;
            while (System.nanoTime() < burstEnd) {
                byte[] chunk = new byte[32 * 1024];
                chunk[round % chunk.length] = (byte) hash;
                survivors[round % survivors.length] = chunk;
                for (int i = 0; i < 2_000; i++) {
                    hash = hash * 31 + i;
                }
                round++;
            }
            pause(PAUSE_MILLIS);
        }
        if (hash == 42) {
            System.out.println("unlikely"); // keeps the loop from being optimised away
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
