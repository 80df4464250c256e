package io.remora.it.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.it.receivers.Await;
import io.remora.it.receivers.RealReceiver;
import io.remora.it.receivers.Sample;
import io.remora.it.receivers.SeriesSamples;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent in a child JVM, its receivers stopped and started again: what was sampled while they
 * were down waits in the spool and arrives, in order, when they are back.
 */
class OutageTest {

    /** Long enough for many 1 s samples and several failed retries; short enough to keep the suite fast. */
    static final Duration OUTAGE = Duration.ofSeconds(15);
    static final Duration ARRIVAL = Duration.ofSeconds(60);
    /** Sampled every interval: one sample a second. */
    static final String SERIES = "jvm_classes_loaded_total";
    static final long INTERVAL_MS = 1000;

    @TempDir
    Path tmp;

    @Test
    void samplesFromAnOutageArriveInOrderWithNoGap() throws Exception {
        try (RealReceiver vm = RealReceiver.victoriaMetrics(); RealReceiver prometheus = RealReceiver.prometheus()) {
            SpooledChild app = SpooledChild.start(tmp.resolve("spool"), Duration.ofMinutes(3), "app", List.of(),
                    vm.writeUrl(), prometheus.writeUrl());
            try {
                String selector = SERIES + "{" + app.instanceMatcher() + "}";
                awaitSamples(vm, selector, 2, app);
                awaitSamples(prometheus, selector, 2, app);
                long down = System.currentTimeMillis();
                vm.stop();
                prometheus.stop();
                Thread.sleep(OUTAGE.toMillis());
                long up = System.currentTimeMillis();
                vm.restart();
                prometheus.restart();
                for (RealReceiver receiver : List.of(vm, prometheus)) {
                    List<Sample> samples = awaitSamplesAfter(receiver, selector, up + 2 * INTERVAL_MS, app);
                    assertNoGap(receiver + " " + SERIES, samples, down - INTERVAL_MS, up + INTERVAL_MS);
                }
            } finally {
                app.destroyIfAlive();
            }
        }
    }

    /** Samples of one series, in the receiver's order, once it holds at least {@code count}. */
    static List<Sample> awaitSamples(RealReceiver receiver, String selector, int count, SpooledChild app) {
        try {
            return Await.until(selector + " at " + receiver, ARRIVAL, () -> samples(receiver, selector),
                    samples -> samples.size() >= count);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + app.output(), e);
        }
    }

    /** Samples of one series once one newer than {@code timestampMs} has arrived. */
    static List<Sample> awaitSamplesAfter(RealReceiver receiver, String selector, long timestampMs, SpooledChild app) {
        try {
            return Await.until(selector + " after " + timestampMs + " at " + receiver, ARRIVAL,
                    () -> samples(receiver, selector),
                    samples -> !samples.isEmpty() && samples.get(samples.size() - 1).timestampMs() > timestampMs);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + app.output(), e);
        }
    }

    /** Every stored sample of the one series {@code selector} matches, over the last 10 minutes. */
    static List<Sample> samples(RealReceiver receiver, String selector) {
        List<SeriesSamples> found = receiver.query().raw(selector, Duration.ofMinutes(10));
        if (found.isEmpty()) {
            return List.of();
        }
        assertEquals(1, found.size(), selector + " matches several series: " + found);
        return found.get(0).samples();
    }

    /** Strictly increasing timestamps, none further apart than one interval and a half, covering [from, to]. */
    static void assertNoGap(String what, List<Sample> samples, long from, long to) {
        List<Long> times = samples.stream().map(Sample::timestampMs).collect(Collectors.toList());
        assertTrue(times.get(0) <= from, what + " starts at " + times.get(0) + ", after " + from + ": " + times);
        assertTrue(times.get(times.size() - 1) >= to, what + " ends before " + to + ": " + times);
        for (int i = 1; i < times.size(); i++) {
            long gap = times.get(i) - times.get(i - 1);
            assertTrue(gap > 0 && gap <= INTERVAL_MS * 3 / 2,
                    what + ": " + gap + " ms between samples at " + times.get(i - 1) + " and " + times.get(i) + ": " + times);
        }
    }
}
