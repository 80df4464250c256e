package io.remora.bootstrap.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The advice calls {@link ExecutorPools#constructing} from the constructor of the pool's superclass;
 * here a subclass's constructor does, so the frames to skip are those the advice would see. It calls
 * {@link ExecutorPools#running} from a worker before each task.
 */
class ExecutorPoolsTest {

    /** Stands for a pool class whose constructor carries the advice. */
    private static final class AdvisedPool extends ThreadPoolExecutor {
        AdvisedPool() {
            super(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<Runnable>());
            ExecutorPools.constructing(this);
        }
    }

    @Test
    void aPoolIsNamedAfterTheMethodThatBuiltItAndFurtherOnesAreNumbered() {
        List<ThreadPoolExecutor> built = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            built.add(buildTwice());
        }
        String site = ExecutorPoolsTest.class.getName() + ".buildTwice";
        assertEquals(List.of(site, site + "#2", site + "#3"), namesOf(built));
        built.forEach(ExecutorService::shutdown);
    }

    @Test
    void aSiteNamesAtMostItsCapOfPools() {
        String site = "com.acme.PerRequest.handle";
        for (int i = 1; i <= ExecutorPools.MAX_PER_SITE; i++) {
            assertEquals(i == 1 ? site : site + "#" + i, ExecutorPools.name(site));
        }
        assertNull(ExecutorPools.name(site));
        assertNull(ExecutorPools.name(site));
        assertEquals(site, ExecutorPools.nextSiteOverCap(), "reported once, at the first pool past the cap");
        assertNull(ExecutorPools.nextSiteOverCap());
    }

    @Test
    void forkJoinPoolsAreRegisteredAndOtherExecutorsAreNot() {
        ForkJoinPool forks = new ForkJoinPool(2);
        ExecutorService direct = new DirectExecutor();
        try {
            ExecutorPools.constructing(forks);
            ExecutorPools.constructing(direct);
            assertEquals(List.of(ExecutorPoolsTest.class.getName() + ".forkJoinPoolsAreRegisteredAndOtherExecutorsAreNot"),
                    namesOf(List.of(forks, direct)));
        } finally {
            forks.shutdown();
        }
    }

    @Test
    void aPoolFirstSeenByItsWorkerIsNamedAfterTheWorkerThreadAndSeenOnce() throws Exception {
        ThreadPoolExecutor early = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        try {
            runOnThread("orders-worker-7", () -> {
                ExecutorPools.running(early);
                ExecutorPools.running(early);
            });
            assertEquals(List.of("orders-worker"), namesOf(List.of(early)));
        } finally {
            early.shutdown();
        }
    }

    @Test
    void aJettyPoolIsRegisteredUnnamedAtItsFirstTaskOnceForTheAgentToName() {
        Object jettyPool = new Object();
        ExecutorPools.given(jettyPool);
        ExecutorPools.given(jettyPool);
        List<ExecutorPools.Pool> registered = registrationsOf(jettyPool);
        assertEquals(1, registered.size());
        assertNull(registered.get(0).name());
        registered.get(0).nameAs("qtp");
        assertEquals("qtp", registrationsOf(jettyPool).get(0).name());
    }

    @Test
    void theAgentsOwnPoolsAreLeftOut() throws Exception {
        ThreadPoolExecutor agents = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        try {
            runOnThread("remora-sender-1", () -> ExecutorPools.running(agents));
            assertEquals(List.of(), namesOf(List.of(agents)));
        } finally {
            agents.shutdown();
        }
    }

    @Test
    void aWorkerThreadsNameLosesItsNumber() {
        assertEquals("pool-3-thread", ExecutorPools.workerStem("pool-3-thread-12"));
        assertEquals("HttpClient-1-Worker", ExecutorPools.workerStem("HttpClient-1-Worker-0"));
        assertEquals("http-nio-8080-exec", ExecutorPools.workerStem("http-nio-8080-exec-10"));
        assertEquals("worker", ExecutorPools.workerStem("worker"));
        assertEquals("thread", ExecutorPools.workerStem("42"));
        assertEquals("thread", ExecutorPools.workerStem(""));
    }

    /** Runs {@code work} on a thread of that name, as a pool's worker would, and waits for it. */
    private static void runOnThread(String name, Runnable work) throws InterruptedException {
        Thread thread = new Thread(work, name);
        thread.start();
        thread.join();
    }

    /** An executor that is neither kind of pool: runs each task on the caller's thread. */
    private static final class DirectExecutor extends AbstractExecutorService {
        @Override
        public void execute(Runnable task) {
            task.run();
        }

        @Override
        public void shutdown() {
        }

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return false;
        }
    }

    private static ThreadPoolExecutor buildTwice() {
        return new AdvisedPool();
    }

    private static List<ExecutorPools.Pool> registrationsOf(Object pool) {
        List<ExecutorPools.Pool> found = new ArrayList<>();
        for (Iterator<ExecutorPools.Pool> it = ExecutorPools.pools(); it.hasNext(); ) {
            ExecutorPools.Pool registered = it.next();
            if (registered.get() == pool) {
                found.add(registered);
            }
        }
        return found;
    }

    private static List<String> namesOf(List<? extends ExecutorService> pools) {
        List<String> names = new ArrayList<>();
        for (ExecutorService pool : pools) {
            for (Iterator<ExecutorPools.Pool> it = ExecutorPools.pools(); it.hasNext(); ) {
                ExecutorPools.Pool registered = it.next();
                if (registered.get() == pool) {
                    names.add(registered.name());
                }
            }
        }
        return names;
    }
}
