package io.remora.it.spool;

import static io.remora.it.spool.OutageTest.INTERVAL_MS;
import static io.remora.it.spool.OutageTest.SERIES;
import static io.remora.it.spool.OutageTest.awaitSamples;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.exporter.selfmetrics.DropReason;
import io.remora.it.receivers.RealReceiver;
import io.remora.it.receivers.Sample;
import io.remora.it.receivers.SeriesSamples;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spool far smaller than an outage needs: the oldest requests are dropped, the drop is counted
 * in {@code remora_samples_dropped_total{reason="spool_full"}} as exactly the samples missing at the
 * receiver (to within what rounds that ran late can hide from the count), and the application is
 * not disturbed.
 */
class SpoolFullTest {

    /** A request of the agent's JVM series is about 3 KiB: the spool holds two or three of them. */
    private static final String MAX_SIZE = "8KiB";
    private static final Duration OUTAGE = Duration.ofSeconds(10);
    private static final Duration RUN = Duration.ofSeconds(25);
    /** Written from the instrumentation's first collection on, in any application: the common pool's. */
    private static final String INSTRUMENTATION_SERIES = "executor_pool_max_threads";

    @TempDir
    Path tmp;

    @Test
    void theOldestAreDroppedAndCountedAndTheApplicationRunsOn() throws Exception {
        try (RealReceiver vm = RealReceiver.victoriaMetrics()) {
            SpooledChild app = SpooledChild.start(tmp.resolve("spool"), RUN, "app",
                    List.of("-Dremora.spool.max-size=" + MAX_SIZE), vm.writeUrl());
            try {
                String instance = app.instanceMatcher();
                awaitSamples(vm, SERIES + "{" + instance + "}", 2, app);
                // and the instrumentation's, which starts a round or two after the JVM collectors: a
                // series whose first samples were dropped shows no gap, and its drops no missing samples
                awaitSamples(vm, INSTRUMENTATION_SERIES + "{" + instance + "}", 1, app);
                long down = System.currentTimeMillis();
                vm.stop();
                Thread.sleep(OUTAGE.toMillis());
                long up = System.currentTimeMillis();
                vm.restart();
                String out = app.awaitExit(RUN.plus(Duration.ofSeconds(60)));
                assertEquals(SleepingApp.STARTED + "\n" + SleepingApp.FINISHED + "\n", out, app.output());

                List<SeriesSamples> all = vm.query().export("{" + instance + "}");
                long dropped = finalValue(all, "remora_samples_dropped_total", DropReason.SPOOL_FULL.label());
                assertTrue(dropped > 0, "nothing dropped: the spool was not filled" + app.output());
                long missing = missingSamples(all);
                long hidden = possiblyHiddenByLateRounds(all);
                assertTrue(missing <= dropped && dropped <= missing + hidden,
                        "counted as dropped " + dropped + ", missing at the receiver " + missing
                                + ", plus at most " + hidden + " that late rounds could hide; series first seen after"
                                + " the outage began: " + firstSeenAfter(all, down) + app.output());
                for (DropReason reason : DropReason.values()) {
                    if (reason != DropReason.SPOOL_FULL) {
                        assertEquals(0, finalValue(all, "remora_samples_dropped_total", reason.label()), reason.label());
                    }
                }

                // oldest first: the start of the outage is gone, its end is there
                List<Long> times = only(all, SERIES).samples().stream().map(Sample::timestampMs)
                        .collect(Collectors.toList());
                assertTrue(times.stream().anyMatch(t -> t > up - 3 * INTERVAL_MS && t < up), "the outage's end: " + times);
                assertTrue(times.stream().filter(t -> t > down + INTERVAL_MS && t < down + 3 * INTERVAL_MS).count() == 0,
                        "the outage's start should be dropped: " + times);
            } finally {
                app.destroyIfAlive();
            }
        }
    }

    /**
     * Every series is written once an interval from its first sample on: a longer step between two
     * samples means samples that never arrived.
     */
    private static long missingSamples(List<SeriesSamples> all) {
        long missing = 0;
        for (SeriesSamples series : all) {
            List<Sample> samples = series.samples();
            for (int i = 1; i < samples.size(); i++) {
                long gap = samples.get(i).timestampMs() - samples.get(i - 1).timestampMs();
                missing += Math.max(0, Math.round((double) gap / INTERVAL_MS) - 1);
            }
        }
        return missing;
    }

    /**
     * The agent runs its rounds on a fixed schedule, late on a loaded machine but never early. A
     * round that ran late shortens the gap to the next one, so a dropped round right after it can
     * hide in the rounding of {@link #missingSamples} (late by 0.6 then on time: a gap of 1.4
     * intervals, counted as none missing). Each round of the reference series that ran later than
     * a quarter interval behind the schedule (read off its most punctual round) may hide one round:
     * a sample of every series.
     */
    private static long possiblyHiddenByLateRounds(List<SeriesSamples> all) {
        List<Sample> rounds = only(all, SERIES).samples();
        long first = rounds.get(0).timestampMs();
        long schedule = rounds.stream().mapToLong(r -> (r.timestampMs() - first) % INTERVAL_MS).min().orElse(0);
        long late = rounds.stream()
                .filter(r -> Math.floorMod(r.timestampMs() - first - schedule, INTERVAL_MS) > INTERVAL_MS / 4)
                .count();
        return late * all.size();
    }

    /** The series whose first sample came after {@code startMs}, with that sample's time: for the failure message. */
    private static Map<String, Long> firstSeenAfter(List<SeriesSamples> all, long startMs) {
        Map<String, Long> late = new TreeMap<>();
        for (SeriesSamples series : all) {
            long first = series.samples().get(0).timestampMs();
            if (first > startMs) {
                late.put(series.name() + series.labels(), first - startMs);
            }
        }
        return late;
    }

    private static long finalValue(List<SeriesSamples> all, String name, String reason) {
        List<SeriesSamples> matching = all.stream()
                .filter(s -> s.name().equals(name) && reason.equals(s.labels().get("reason")))
                .collect(Collectors.toList());
        assertTrue(matching.size() <= 1, name + " " + reason + ": " + matching);
        return matching.isEmpty() ? 0 : (long) matching.get(0).latest().value();
    }

    private static SeriesSamples only(List<SeriesSamples> all, String name) {
        List<SeriesSamples> matching = all.stream().filter(s -> s.name().equals(name)).collect(Collectors.toList());
        assertEquals(1, matching.size(), name + ": " + matching);
        return matching.get(0);
    }
}
