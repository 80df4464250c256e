package io.remora.bootstrap.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.remora.bootstrap.meter.HistogramSnapshot;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Each test sends to topics of its own, so the shared families' counts do not mix. */
class KafkaHooksTest {

    private static final String TOO_LARGE = "java.lang.IllegalArgumentException";

    @Test
    void aSendIsMeasuredUntilItsCallbacksCompleteAndCountedWhenItSucceeded() {
        Object ok = send("acked", null);
        Object failed = send("acked", null);
        int pending = ProducerHooks.pending();
        ProducerHooks.completed(ok, null);
        ProducerHooks.completed(failed, new IllegalStateException("expired"));
        ProducerHooks.completed(ok, null); // completed once only
        assertEquals(pending - 2, ProducerHooks.pending());
        assertEquals(1, count(KafkaMeters.SEND, "acked", ""));
        assertEquals(1, count(KafkaMeters.SEND, "acked", "java.lang.IllegalStateException"));
        assertEquals(1, KafkaMeters.SENT.labels(KafkaMeters.SYSTEM, "acked").sum());
    }

    @Test
    void aSendThatFailsInsideDoSendIsRecordedAsItReturns() {
        CompletableFuture<Object> failed = new CompletableFuture<>();
        failed.completeExceptionally(new IllegalArgumentException("too large"));
        send("refused", failed);
        send("thrown", null, new IllegalStateException("closed"));
        assertEquals(1, count(KafkaMeters.SEND, "refused", TOO_LARGE));
        assertEquals(1, count(KafkaMeters.SEND, "thrown", "java.lang.IllegalStateException"));
        assertEquals(0, KafkaMeters.SENT.labels(KafkaMeters.SYSTEM, "refused").sum());
    }

    @Test
    void aSendInsideAnotherOnTheSameThreadLeavesTheOuterOneMeasured() {
        ProducerHooks.sending("outer");
        Object outer = new Object();
        ProducerHooks.callbacksCreated(outer);
        ProducerHooks.sending("inner");
        ProducerHooks.callbacksCreated(new Object());
        ProducerHooks.returned(new CompletableFuture<>(), null);
        ProducerHooks.returned(new CompletableFuture<>(), null);
        ProducerHooks.completed(outer, null);
        assertEquals(1, count(KafkaMeters.SEND, "outer", ""));
        assertEquals(0, count(KafkaMeters.SEND, "inner", ""));
    }

    @Test
    void aPollIsOneOperationNamedByItsTopicWhenItHasOne() {
        ConsumerHooks.consumed("polled-a", 3);
        ConsumerHooks.consumed("polled-b", 2);
        ConsumerHooks.polled(System.nanoTime(), ConsumerHooks.destination(
                ConsumerHooks.destination(null, "polled-a"), "polled-b"), null);
        ConsumerHooks.polled(System.nanoTime(), ConsumerHooks.destination(
                ConsumerHooks.destination(null, "polled-a"), "polled-a"), null);
        ConsumerHooks.polled(System.nanoTime(), null, new IllegalStateException("woken up"));
        assertEquals(3, KafkaMeters.CONSUMED.labels(KafkaMeters.SYSTEM, "polled-a").sum());
        assertEquals(2, KafkaMeters.CONSUMED.labels(KafkaMeters.SYSTEM, "polled-b").sum());
        assertEquals(1, count(KafkaMeters.POLL, "polled-a", ""));
        assertEquals(1, count(KafkaMeters.POLL, "", ""), "records of two topics: no destination");
        assertEquals(1, count(KafkaMeters.POLL, "", "java.lang.IllegalStateException"));
    }

    /** One whole send on this thread, its future pending unless given; returns its callbacks object. */
    private static Object send(String topic, CompletableFuture<Object> future) {
        return send(topic, future, null);
    }

    private static Object send(String topic, CompletableFuture<Object> future, Throwable thrown) {
        Object callbacks = new Object();
        ProducerHooks.sending(topic);
        ProducerHooks.callbacksCreated(callbacks);
        ProducerHooks.returned(thrown != null ? null : future == null ? new CompletableFuture<>() : future, thrown);
        return callbacks;
    }

    private static long count(String operation, String topic, String errorType) {
        HistogramSnapshot snapshot = new HistogramSnapshot(KafkaMeters.DURATION.bounds());
        KafkaMeters.DURATION.labels(KafkaMeters.SYSTEM, operation, topic, errorType).snapshot(snapshot);
        return snapshot.count();
    }
}
