package io.remora.it.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.exporter.Exporter;
import io.remora.exporter.ExporterConfig;
import io.remora.exporter.send.EndpointConfig;
import io.remora.exporter.series.Series;
import io.remora.it.receivers.Await;
import io.remora.it.receivers.Prometheus;
import io.remora.it.receivers.RealReceiver;
import io.remora.it.receivers.ReceiverKind;
import io.remora.it.receivers.SeriesSamples;
import io.remora.it.receivers.VictoriaMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The exporter writes to real Prometheus and VictoriaMetrics; their query APIs return exactly what was written. */
class ExporterRoundTripTest {

    private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(20);
    private static final Duration WINDOW = Duration.ofMinutes(10);

    @Test
    void prometheusStoresEverySeriesAndSampleExactly() {
        try (RealReceiver prometheus = RealReceiver.prometheus()) {
            WrittenData data = WrittenData.startingAt(System.currentTimeMillis() - 60_000);
            writeAndFlush(data, prometheus);
            assertEquals(data.exactly(), rawIn(prometheus, data.exactly()));
        }
    }

    @Test
    void victoriaMetricsStoresEverySeriesAndSampleExactly() {
        try (RealReceiver victoria = RealReceiver.victoriaMetrics()) {
            WrittenData data = WrittenData.startingAt(System.currentTimeMillis() - 60_000);
            writeAndFlush(data, victoria);
            List<SeriesSamples> expected = data.withoutNaN();
            assertEquals(expected, exportedFrom(victoria, expected));
            assertEquals(expected, rawIn(victoria, expected), "the query API agrees with the raw export");
        }
    }

    @Test
    void bothEndpointsReceiveEverything() {
        try (RealReceiver prometheus = RealReceiver.prometheus();
                RealReceiver victoria = RealReceiver.victoriaMetrics()) {
            WrittenData data = WrittenData.startingAt(System.currentTimeMillis() - 60_000);
            writeAndFlush(data, prometheus, victoria);
            assertEquals(data.exactly(), rawIn(prometheus, data.exactly()));
            assertEquals(data.withoutNaN(), exportedFrom(victoria, data.withoutNaN()));
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aStaleMarkerRemovesTheSeriesFromInstantQueries(ReceiverKind kind) {
        try (RealReceiver receiver = RealReceiver.start(kind);
                Exporter exporter = Exporter.start(configFor(receiver))) {
            long now = System.currentTimeMillis();
            Series going = exporter.series("it_sessions", "pool", "going");
            Series staying = exporter.series("it_sessions", "pool", "staying");
            for (int i = 0; i < 3; i++) {
                assertTrue(exporter.record(going, now - 30_000 + i * 1000L, i));
                assertTrue(exporter.record(staying, now - 30_000 + i * 1000L, 10 + i));
            }
            assertTrue(exporter.flush(FLUSH_TIMEOUT));
            Await.until("both series in an instant query", VISIBLE_WITHIN,
                    () -> pools(receiver), pools -> pools.equals(Set.of("going", "staying")));

            exporter.markStale(going, System.currentTimeMillis());
            assertTrue(exporter.flush(FLUSH_TIMEOUT));
            Set<String> after = Await.until("the stale series to disappear", VISIBLE_WITHIN,
                    () -> pools(receiver), pools -> !pools.contains("going"));
            assertEquals(Set.of("staying"), after);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void samplesRecordedDuringAnOutageArriveAfterTheRestart(ReceiverKind kind) {
        try (RealReceiver receiver = RealReceiver.start(kind)) {
            WrittenData data = WrittenData.startingAt(System.currentTimeMillis() - 60_000);
            receiver.stop();
            try (Exporter exporter = Exporter.start(configFor(receiver))) {
                data.recordThrough(exporter);
                assertFalse(exporter.flush(Duration.ofSeconds(1)), "nothing can be sent while the receiver is down");
                receiver.restart();
                assertTrue(exporter.flush(FLUSH_TIMEOUT), "the retries deliver it once the receiver is back");
            }
            List<SeriesSamples> expected = kind == Prometheus.INSTANCE ? data.exactly() : data.withoutNaN();
            assertEquals(expected, rawIn(receiver, expected));
        }
    }

    static Stream<ReceiverKind> kinds() {
        return Stream.of(Prometheus.INSTANCE, VictoriaMetrics.INSTANCE);
    }

    private static Set<String> pools(RealReceiver receiver) {
        return receiver.query().instant("it_sessions{job=\"" + WrittenData.JOB + "\"}").stream()
                .map(series -> series.labels().get("pool"))
                .collect(Collectors.toSet());
    }

    private static void writeAndFlush(WrittenData data, RealReceiver... receivers) {
        try (Exporter exporter = Exporter.start(configFor(receivers))) {
            data.recordThrough(exporter);
            assertTrue(exporter.flush(FLUSH_TIMEOUT), "flush accepted everything within " + FLUSH_TIMEOUT);
        }
    }

    private static ExporterConfig configFor(RealReceiver... receivers) {
        ExporterConfig.Builder config = ExporterConfig.builder()
                .externalLabels(WrittenData.externalLabels())
                .batchMaxDelay(Duration.ofMillis(200));
        for (RealReceiver receiver : receivers) {
            // short backoff: an outage test should not wait seconds for the next retry
            config.endpoint(EndpointConfig.builder(receiver.writeUrl()).maxBackoff(Duration.ofMillis(300)).build());
        }
        return config.build();
    }

    /** Raw samples through the query API, once as many samples as expected are there. */
    private static List<SeriesSamples> rawIn(RealReceiver receiver, List<SeriesSamples> expected) {
        return WrittenData.sorted(Await.until("the written samples in " + receiver, VISIBLE_WITHIN,
                () -> receiver.query().raw(WrittenData.SELECTOR, WINDOW),
                read -> sampleCount(read) >= sampleCount(expected)));
    }

    private static List<SeriesSamples> exportedFrom(RealReceiver victoria, List<SeriesSamples> expected) {
        return WrittenData.sorted(Await.until("the written samples exported by " + victoria, VISIBLE_WITHIN,
                () -> victoria.query().export(WrittenData.SELECTOR),
                read -> sampleCount(read) >= sampleCount(expected)));
    }

    private static int sampleCount(List<SeriesSamples> series) {
        return series.stream().mapToInt(one -> one.samples().size()).sum();
    }
}
