package io.remora.it.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.it.agent.ChildJvm;
import io.remora.it.agent.ChildRun;
import io.remora.it.agent.Jdk;
import io.remora.it.instrument.app.ExecutorApp;
import io.remora.it.receivers.Await;
import io.remora.it.receivers.SeriesSamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Thread pools under the agent on JDK 17 and 25: the exact figures of each pool while its tasks are
 * held on a latch, its completed count at the end, names after the method that built the pool, a
 * ForkJoinPool and the common one. A pool built in {@code main()} at once, while the agent is still
 * installing its advice, is measured from its construction too: the executor classes wait for the
 * advice as they load. (A pool built before an agent is attached is named after its worker thread:
 * {@code ExecutorPoolsTest}.) {@code ThreadPoolExecutor} itself is never redefined: HotSpot never compiles the old
 * version of a method again, so a worker loop that was running at the redefinition would stay
 * interpreted for the life of its thread (measured: 0.6 us more per request in a JDK HttpServer).
 */
class ExecutorTest {

    private static final String APP = ExecutorApp.class.getName();
    private static final String WORKERS = APP + ".fixed";
    private static final String SINGLE = APP + ".fixed#2";
    private static final String TIMERS = APP + ".scheduled";
    private static final String FORKS = APP + ".forkJoin";
    /** Built first thing in main(), before the agent's advice was installed: named after main all the same. */
    private static final String EARLY = APP + ".main";
    private static final double UNBOUNDED = Integer.MAX_VALUE;

    @RegisterExtension
    static final PrometheusPerClass PROMETHEUS = new PrometheusPerClass();

    @TempDir
    static Path dir;

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void eachPoolReportsItsThreadsQueueAndCompletedTasks(Jdk jdk) throws IOException {
        String job = "executor-" + jdk.name().toLowerCase();
        Path redefined = dir.resolve(job + ".redefined.log");
        ChildJvm.Started started = InstrumentedRun.of(jdk, ExecutorApp.class, job)
                .property("remora.interval", "1s")
                .jvmOption("-Xlog:redefine+class+load=info:file=" + redefined)
                .start(PROMETHEUS.receiver(), dir);
        String blocked = started.awaitLine("blocked", Duration.ofSeconds(60));
        double commonParallelism = Double.parseDouble(blocked.substring(blocked.lastIndexOf(' ') + 1));

        Map<String, Double> whileBlocked = new LinkedHashMap<>();
        figures(whileBlocked, WORKERS, ExecutorApp.THREADS, ExecutorApp.THREADS, ExecutorApp.THREADS,
                ExecutorApp.QUEUED, ExecutorApp.QUICK_TASKS);
        figures(whileBlocked, SINGLE, 0, 1, 1, 0, ExecutorApp.SINGLE_TASKS);
        // a scheduled pool starts a core thread per scheduled task; its max is unbounded
        figures(whileBlocked, TIMERS, 0, 2, UNBOUNDED, 1, 1);
        figures(whileBlocked, EARLY, 0, 1, 1, 0, ExecutorApp.EARLY_TASKS_BEFORE + ExecutorApp.EARLY_TASKS_AFTER);
        awaitFigures(job, whileBlocked);
        // a fork-join pool starts workers as it sees fit, so its size is a range; it counts no completed tasks
        Map<String, Double> forks = Await.until("figures of " + FORKS, Duration.ofSeconds(30),
                () -> latestByMetric(job, "name=\"" + FORKS + "\""),
                found -> Double.valueOf(0).equals(found.get("executor_active_threads " + FORKS)));
        assertEquals((double) ExecutorApp.FORK_PARALLELISM, forks.get("executor_pool_max_threads " + FORKS), forks.toString());
        assertEquals(0.0, forks.get("executor_queued_tasks " + FORKS), forks.toString());
        double forkWorkers = forks.get("executor_pool_size_threads " + FORKS);
        assertTrue(forkWorkers >= 1 && forkWorkers <= ExecutorApp.FORK_PARALLELISM, forks.toString());
        assertEquals(4, forks.size(), forks.toString());
        Map<String, Double> common = latestByMetric(job, "name=\"ForkJoinPool.commonPool\"");
        assertEquals(commonParallelism, common.get("executor_pool_max_threads ForkJoinPool.commonPool"), common.toString());

        Files.createFile(dir.resolve(job + ".gate.release"));
        ChildRun run = started.awaitExit(ChildJvm.RUN_TIMEOUT);
        assertEquals(0, run.exitCode(), run.toString());
        int completed = ExecutorApp.QUICK_TASKS + ExecutorApp.THREADS + ExecutorApp.QUEUED;
        assertEquals("completed " + completed, run.stdout().get(1), run.toString());

        Map<String, Double> atEnd = new LinkedHashMap<>();
        figures(atEnd, WORKERS, 0, 0, ExecutorApp.THREADS, 0, completed);
        figures(atEnd, SINGLE, 0, 0, 1, 0, ExecutorApp.SINGLE_TASKS);
        figures(atEnd, TIMERS, 0, 0, UNBOUNDED, 0, 1);
        figures(atEnd, EARLY, 0, 0, 1, 0, ExecutorApp.EARLY_TASKS_BEFORE + ExecutorApp.EARLY_TASKS_AFTER);
        awaitFigures(job, atEnd);

        // the executor classes were changed as they loaded, after premain, so none was redefined
        String log = Files.readString(redefined);
        assertFalse(log.contains("name=java.util.concurrent.AbstractExecutorService,"), log);
        assertFalse(log.contains("name=java.util.concurrent.ThreadPoolExecutor$Worker,"), log);
        assertFalse(log.contains("name=java.util.concurrent.ThreadPoolExecutor,"), log);
    }

    private static void figures(Map<String, Double> into, String name, double active, double poolSize, double max,
            double queued, double completed) {
        into.put("executor_active_threads " + name, active);
        into.put("executor_pool_size_threads " + name, poolSize);
        into.put("executor_pool_max_threads " + name, max);
        into.put("executor_queued_tasks " + name, queued);
        into.put("executor_completed_tasks_total " + name, completed);
    }

    /** Waits until the receiver's latest figures of the app's pools are exactly {@code expected}. */
    private static void awaitFigures(String job, Map<String, Double> expected) {
        Await.until("executor figures " + expected + " of " + job + " in " + PROMETHEUS.receiver(),
                Duration.ofSeconds(30),
                () -> latestByMetric(job, "name=~\"" + APP.replace(".", "\\\\.") + "\\\\..*\",name!=\"" + FORKS + "\""),
                expected::equals);
    }

    /** "metric name" to the latest value (at the job's newest sample), for the executor series of the job whose labels match. */
    private static Map<String, Double> latestByMetric(String job, String nameMatcher) {
        List<SeriesSamples> found = PROMETHEUS.receiver().query().atNewestSample(
                "{__name__=~\"executor_.*\",job=\"" + job + "\"," + nameMatcher + "}", "{job=\"" + job + "\"}");
        Map<String, Double> values = new LinkedHashMap<>();
        for (SeriesSamples series : found) {
            values.put(series.name() + " " + series.labels().get("name"), series.latest().value());
        }
        return values;
    }
}
