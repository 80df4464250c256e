package io.remora.bootstrap.kafka;

import io.remora.bootstrap.WeakIdentityMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * What the Kafka producer advice calls. Every record goes through {@code KafkaProducer.doSend},
 * which first builds the record's {@code AppendCallbacks}: the object the producer's I/O thread
 * completes ({@code onCompletion}) when the broker acknowledges the record's batch or fails it. A
 * send is measured from {@code doSend}'s start until that completion, keyed by the callbacks object
 * (weakly, as Lettuce's commands are), and counted in {@code messaging_client_sent_messages_total}
 * when it succeeded. A send that fails inside {@code doSend} (a record too large, no metadata in
 * time, a closed producer) never reaches the I/O thread: the producer hands back a failed future
 * or throws, and the send is recorded as {@code doSend} returns, with that error.
 *
 * <p>A send made inside another on the same thread (an application callback run by a failing
 * {@code doSend}) is not measured; the outer one is.
 */
public final class ProducerHooks {

    private static final WeakIdentityMap<Pending> PENDING = new WeakIdentityMap<>();

    /** The send under way on this thread: made once per thread, reused after. */
    private static final ThreadLocal<Sending> SENDING = new ThreadLocal<Sending>() {
        @Override
        protected Sending initialValue() {
            return new Sending();
        }
    };

    private ProducerHooks() {
    }

    /** At {@code doSend(record, callback)}'s start; pairs with {@link #returned}. */
    public static void sending(String topic) {
        Sending sending = SENDING.get();
        if (sending.depth++ == 0) {
            sending.startNanos = System.nanoTime();
            sending.topic = topic;
            sending.callbacks = null;
        }
    }

    /** At the end of an {@code AppendCallbacks} constructor: the outermost send's completion object. */
    public static void callbacksCreated(Object callbacks) {
        Sending sending = SENDING.get();
        if (sending.depth == 1 && sending.callbacks == null) {
            sending.callbacks = callbacks;
            PENDING.put(callbacks, new Pending(sending.startNanos, sending.topic));
        }
    }

    /**
     * At {@code AppendCallbacks.onCompletion(metadata, exception)}: the broker's answer, or the
     * batch's failure (expired, the producer closed), on the I/O thread.
     */
    public static void completed(Object callbacks, Throwable exception) {
        long end = System.nanoTime();
        Pending pending = PENDING.remove(callbacks);
        if (pending != null) {
            pending.record(end, exception);
        }
    }

    /**
     * When {@code doSend} returns or throws. A future already done here whose send is still pending
     * is the producer's failed future: its record never reached a batch, so nothing else completes it.
     */
    public static void returned(Future<?> future, Throwable thrown) {
        Sending sending = SENDING.get();
        if (sending.depth == 0 || --sending.depth != 0) {
            return; // unpaired, or an inner send
        }
        Object callbacks = sending.callbacks;
        sending.callbacks = null;
        sending.topic = null;
        if (callbacks == null || (thrown == null && (future == null || !future.isDone()))) {
            return; // the I/O thread completes it
        }
        Pending pending = PENDING.remove(callbacks);
        if (pending != null) {
            pending.record(System.nanoTime(), thrown != null ? thrown : failureOf(future));
        }
    }

    /** Sends noted and not completed yet, for tests. */
    static int pending() {
        return PENDING.size();
    }

    /** What a done future failed with; it is done, so {@code get} does not wait. */
    private static Throwable failureOf(Future<?> future) {
        try {
            future.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause() != null ? e.getCause() : e;
        } catch (Exception e) {
            return e;
        }
    }

    private static final class Sending {
        int depth;
        long startNanos;
        String topic;
        Object callbacks;
    }

    private static final class Pending {
        final long startNanos;
        final String topic;

        Pending(long startNanos, String topic) {
            this.startNanos = startNanos;
            this.topic = topic;
        }

        void record(long endNanos, Throwable error) {
            KafkaMeters.record(KafkaMeters.SEND, topic, startNanos, endNanos, error);
            if (error == null) {
                KafkaMeters.SENT.labels(KafkaMeters.SYSTEM, topic).increment();
            }
        }
    }
}
