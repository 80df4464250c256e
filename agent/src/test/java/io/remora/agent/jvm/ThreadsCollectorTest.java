package io.remora.agent.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

class ThreadsCollectorTest {

    private final RecordingWriter writer = new RecordingWriter();

    @Test
    void threadStatesSumToTheThreadCount() {
        new ThreadsCollector(writer, ManagementFactory.getThreadMXBean()).collect(writer, 1000);
        double current = writer.value("jvm_threads_current{}");
        double states = writer.startingWith("jvm_threads_state{").values().stream().mapToDouble(Double::doubleValue).sum();
        assertEquals(Thread.State.values().length + 1, writer.startingWith("jvm_threads_state{").size());
        // threads may start or end between the two reads
        assertEquals(current, states, 2, "states " + writer.startingWith("jvm_threads_state{"));
        assertTrue(writer.value("jvm_threads_daemon{}") <= current);
        assertTrue(writer.value("jvm_threads_peak{}") >= current);
        assertTrue(writer.value("jvm_threads_started_total{}") >= current);
        assertTrue(writer.value("jvm_threads_state{state=\"RUNNABLE\"}") >= 1);
    }

    @Test
    void deadlockedThreadsAreCounted() throws InterruptedException {
        ReentrantLock first = new ReentrantLock();
        ReentrantLock second = new ReentrantLock();
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        Thread a = deadlocking(first, second, bothHoldOne);
        Thread b = deadlocking(second, first, bothHoldOne);
        try {
            GcCollectorsTest.awaitTrue(() -> {
                new ThreadsCollector(writer, ManagementFactory.getThreadMXBean()).collect(writer, 1000);
                return writer.value("jvm_threads_deadlocked{}") >= 2;
            });
            assertEquals(0.0, writer.value("jvm_threads_deadlocked_monitor{}"), "locks, not monitors");
        } finally {
            a.interrupt();
            b.interrupt();
            a.join();
            b.join();
        }
    }

    private static Thread deadlocking(ReentrantLock mine, ReentrantLock theirs, CountDownLatch bothHoldOne) {
        Thread thread = new Thread(() -> {
            mine.lock();
            try {
                bothHoldOne.countDown();
                bothHoldOne.await();
                theirs.lockInterruptibly();
            } catch (InterruptedException e) {
                // released by the test
            } finally {
                mine.unlock();
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
