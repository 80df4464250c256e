package io.remora.bootstrap.kafka;

import io.remora.bootstrap.Meters;
import io.remora.bootstrap.label.ErrorTypes;
import io.remora.bootstrap.meter.BucketBounds;
import io.remora.bootstrap.meter.CounterFamily;
import io.remora.bootstrap.meter.HistogramFamily;

/**
 * The messaging families of OpenTelemetry's conventions in Prometheus form, as Kafka's client hooks
 * record them: {@code messaging_client_operation_duration_seconds{messaging_system="kafka",
 * messaging_operation_name,messaging_destination_name,error_type}} (the conventions' buckets, the
 * HTTP ones), {@code messaging_client_sent_messages_total} and
 * {@code messaging_client_consumed_messages_total{messaging_system,messaging_destination_name}}.
 * Topics are bounded as every family's label sets are: past the cap, {@code _OVERFLOW}.
 */
public final class KafkaMeters {

    public static final String SYSTEM = "kafka";
    /** OpenTelemetry's Kafka operation names. */
    public static final String SEND = "send";
    public static final String POLL = "poll";

    /** The first this many topics keep their name in the counters; the histogram has two operations and errors besides. */
    static final int MAX_DESTINATIONS = 100;

    public static final HistogramFamily DURATION = Meters.REGISTRY.histogram(
            "messaging_client_operation_duration_seconds", BucketBounds.HTTP_DURATION, MAX_DESTINATIONS * 4,
            "messaging_system", "messaging_operation_name", "messaging_destination_name", "error_type");
    public static final CounterFamily SENT = Meters.REGISTRY.counter(
            "messaging_client_sent_messages_total", MAX_DESTINATIONS, "messaging_system", "messaging_destination_name");
    public static final CounterFamily CONSUMED = Meters.REGISTRY.counter(
            "messaging_client_consumed_messages_total", MAX_DESTINATIONS, "messaging_system",
            "messaging_destination_name");

    private KafkaMeters() {
    }

    /** @param destination the topic, or null when the operation had none or several */
    static void record(String operation, String destination, long startNanos, long endNanos, Throwable thrown) {
        DURATION.labels(SYSTEM, operation, destination, ErrorTypes.of(thrown)).record(endNanos - startNanos);
    }
}
