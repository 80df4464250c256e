package io.remora.bootstrap.kafka;

/**
 * What the Kafka consumer advice calls around {@code KafkaConsumer.poll}, the facade in front of
 * both of 4.x's consumers (classic and {@code AsyncKafkaConsumer}) and of 3.7+'s delegates. As in
 * OpenTelemetry's kafka-clients instrumentation, a poll that returns no records is no operation
 * (an idle consumer polls all day); one that returns records is measured whole, its destination the
 * topic when all its records share one, else none, and its records are counted per topic. A poll
 * that throws (a wakeup, an authorization failure) is measured with that error.
 */
public final class ConsumerHooks {

    private ConsumerHooks() {
    }

    /** Per topic of a poll's records, as the advice walks its partitions. */
    public static void consumed(String topic, int records) {
        if (records > 0) {
            KafkaMeters.CONSUMED.labels(KafkaMeters.SYSTEM, topic).add(records);
        }
    }

    /**
     * The destination of a poll so far: the one topic of its partitions seen so far, "" once two
     * differ; start from null.
     */
    public static String destination(String soFar, String topic) {
        return soFar == null || soFar.equals(topic) ? topic : "";
    }

    /**
     * After a poll that returned records or threw.
     * @param destination from {@link #destination}; null or "" when none
     */
    public static void polled(long startNanos, String destination, Throwable thrown) {
        KafkaMeters.record(KafkaMeters.POLL, destination, startNanos, System.nanoTime(), thrown);
    }
}
