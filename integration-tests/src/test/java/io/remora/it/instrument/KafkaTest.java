package io.remora.it.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.it.agent.ChildRun;
import io.remora.it.agent.Jdk;
import io.remora.it.agent.TestFiles;
import io.remora.it.instrument.app.KafkaApp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * kafka-clients 4.4 and 3.9 under the agent on JDK 17 and 25, against a real KRaft broker: each
 * send measured to its acknowledgement and counted per topic; a record the producer refuses at once
 * and one the broker refuses, each as its {@code RecordTooLargeException} and not counted as sent; every record a poll returns
 * counted per topic, by the classic consumer and (4.x) by {@code AsyncKafkaConsumer}; each poll that
 * returned records measured once. The app prints what it saw, as it would without the agent.
 */
class KafkaTest {

    static final String TOO_LARGE = "org.apache.kafka.common.errors.RecordTooLargeException";
    private static final Pattern POLLS = Pattern.compile(" polls (\\d+)$");

    @RegisterExtension
    @Order(1)
    static final KafkaBroker KAFKA = new KafkaBroker();

    @RegisterExtension
    @Order(2)
    static final PrometheusPerClass PROMETHEUS = new PrometheusPerClass();

    @TempDir
    static Path dir;

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void sendsAndPollsOfBothConsumersAreCounted(Jdk jdk) {
        everyRecordIsCounted(jdk, "kafka4-", TestFiles.clientLibrary("kafka-4"), "classic,consumer");
    }

    /** kafka-clients 3.9, whose classes have the same methods; the app is the same class file. */
    @ParameterizedTest
    @EnumSource(Jdk.class)
    void kafka3SendsAndPollsAreCountedAlike(Jdk jdk) {
        everyRecordIsCounted(jdk, "kafka3-", TestFiles.clientLibrary("kafka-3"), "classic");
    }

    private static void everyRecordIsCounted(Jdk jdk, String jobPrefix, List<Path> jars, String consumers) {
        String job = jobPrefix + jdk.name().toLowerCase();
        List<Path> classPath = new ArrayList<>(jars);
        // kafka-clients logs through slf4j: the no-op binding, so that the child's stderr holds no slf4j warning
        classPath.addAll(TestClassPath.jars("slf4j-api", "slf4j-nop"));
        ChildRun run = InstrumentedRun.of(jdk, KafkaApp.class, job).classPath(classPath)
                .arguments(KAFKA.bootstrapServers(), job, consumers)
                .run(PROMETHEUS.receiver(), dir);
        String a = job + "-a";
        String b = job + "-b";
        int readers = consumers.split(",").length;
        StringBuilder expected = new StringBuilder("sent " + (KafkaApp.TO_A + KafkaApp.TO_B) + " acknowledged "
                + KafkaApp.TO_A + " failed " + TOO_LARGE + " refused " + TOO_LARGE);
        for (String consumer : consumers.split(",")) {
            expected.append(' ').append(consumer).append(' ').append(KafkaApp.TO_A).append(' ').append(KafkaApp.TO_B);
        }
        assertEquals(1, run.stdout().size(), run.toString());
        Matcher polls = POLLS.matcher(run.stdout().get(0));
        assertTrue(polls.find(), run.toString());
        assertEquals(expected + " polls " + polls.group(1), run.stdout().get(0), run.toString());
        assertTrue(InstrumentedRun.woven(run).containsAll(List.of("org.apache.kafka.clients.producer.KafkaProducer",
                "org.apache.kafka.clients.producer.KafkaProducer$AppendCallbacks",
                "org.apache.kafka.clients.consumer.KafkaConsumer")), InstrumentedRun.woven(run).toString());

        Map<String, Double> sends = InstrumentedRun.latest(PROMETHEUS.receiver(),
                "messaging_client_operation_duration_seconds_count{job=\"" + job + "\",messaging_operation_name=\"send\"}",
                "messaging_system", "messaging_destination_name", "error_type");
        assertEquals(Map.of("kafka " + a + " ", (double) KafkaApp.TO_A, "kafka " + b + " ", (double) KafkaApp.TO_B,
                "kafka " + a + " " + TOO_LARGE, 1.0, "kafka " + b + " " + TOO_LARGE, 1.0), sends, run.toString());
        assertEquals(Map.of("kafka " + a, (double) KafkaApp.TO_A, "kafka " + b, (double) KafkaApp.TO_B),
                InstrumentedRun.latest(PROMETHEUS.receiver(), "messaging_client_sent_messages_total{job=\"" + job + "\"}",
                        "messaging_system", "messaging_destination_name"), run.toString());
        assertEquals(Map.of("kafka " + a, (double) KafkaApp.TO_A * readers, "kafka " + b, (double) KafkaApp.TO_B * readers),
                InstrumentedRun.latest(PROMETHEUS.receiver(),
                        "messaging_client_consumed_messages_total{job=\"" + job + "\"}",
                        "messaging_system", "messaging_destination_name"), run.toString());

        // a poll is one operation whichever topics its records came from: one topic names it, two leave it unnamed
        Map<String, Double> pollCounts = InstrumentedRun.latest(PROMETHEUS.receiver(),
                "messaging_client_operation_duration_seconds_count{job=\"" + job + "\",messaging_operation_name=\"poll\"}",
                "messaging_destination_name", "error_type");
        assertTrue(List.of(a + " ", b + " ", " ").containsAll(pollCounts.keySet()), pollCounts.toString());
        assertEquals(Double.parseDouble(polls.group(1)),
                pollCounts.values().stream().mapToDouble(Double::doubleValue).sum(), pollCounts.toString());
        Map<String, Double> sums = InstrumentedRun.latest(PROMETHEUS.receiver(),
                "messaging_client_operation_duration_seconds_sum{job=\"" + job + "\"}",
                "messaging_operation_name", "messaging_destination_name", "error_type");
        sums.forEach((series, sum) -> assertTrue(sum > 0 && sum < 60, series + ": " + sum + " s"));
    }
}
