package io.remora.it.instrument.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * kafka-clients against the test's broker, an exact number of times, on topics of its own (the runs
 * share the broker): creates {@code <prefix>-a} and {@code <prefix>-b}; sends {@value #TO_A} records
 * to a (with a callback) and {@value #TO_B} to b (without); one record larger than the producer's
 * {@code max.request.size} to a, which the producer fails at once, and one within it but larger
 * than b's {@code max.message.bytes}, which the broker refuses; then each consumer named (the
 * {@code classic} protocol, assigned both partitions; the {@code consumer} protocol of 4.x's
 * {@code AsyncKafkaConsumer}, subscribed in a group) polls from the start until it has every record.
 * Arguments: the gate file, the bootstrap servers, the topic prefix, the consumers
 * ({@code classic,consumer}). Prints what it saw, and how many polls returned records.
 */
public final class KafkaApp {

    public static final int TO_A = 5;
    public static final int TO_B = 3;
    private static final int MAX_REQUEST = 64 * 1024;
    /** Topic b's limit, below the producer's: a record between the two is refused by the broker. */
    private static final int MAX_MESSAGE_B = 16 * 1024;

    private KafkaApp() {
    }

    public static void main(String[] args) throws Exception {
        Gate.await(args[0]);
        String servers = args[1];
        String a = args[2] + "-a";
        String b = args[2] + "-b";
        try (Admin admin = Admin.create(common(servers))) {
            NewTopic smallMessages = new NewTopic(b, 1, (short) 1)
                    .configs(Map.of("max.message.bytes", String.valueOf(MAX_MESSAGE_B)));
            admin.createTopics(List.of(new NewTopic(a, 1, (short) 1), smallMessages)).all().get();
        }
        StringBuilder out = new StringBuilder();
        out.append(produce(servers, a, b));
        int polls = 0;
        for (String protocol : args[3].split(",")) {
            int[] seen = consume(servers, protocol, args[2] + "-" + protocol, a, b);
            out.append(' ').append(protocol).append(' ').append(seen[0]).append(' ').append(seen[1]);
            polls += seen[2];
        }
        out.append(" polls ").append(polls);
        System.out.println(out);
    }

    private static String produce(String servers, String a, String b) throws Exception {
        Properties props = common(servers);
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", StringSerializer.class.getName());
        props.put("acks", "all");
        props.put("max.request.size", String.valueOf(MAX_REQUEST));
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        AtomicInteger acknowledged = new AtomicInteger();
        String failed;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < TO_A; i++) {
                sent.add(producer.send(new ProducerRecord<>(a, "k" + i, "to a " + i), (metadata, e) -> {
                    if (e == null) {
                        acknowledged.incrementAndGet();
                    }
                }));
            }
            for (int i = 0; i < TO_B; i++) {
                sent.add(producer.send(new ProducerRecord<>(b, "k" + i, "to b " + i)));
            }
            Future<RecordMetadata> tooLarge = producer.send(new ProducerRecord<>(a, "large", filler(MAX_REQUEST * 2)));
            Future<RecordMetadata> refused = producer.send(new ProducerRecord<>(b, "large", filler(MAX_MESSAGE_B * 2)));
            for (Future<RecordMetadata> each : sent) {
                each.get();
            }
            failed = failure(tooLarge) + " refused " + failure(refused);
        }
        return "sent " + sent.size() + " acknowledged " + acknowledged.get() + " failed " + failed;
    }

    private static String filler(int length) {
        char[] chars = new char[length];
        Arrays.fill(chars, 'x');
        return new String(chars);
    }

    private static String failure(Future<RecordMetadata> future) throws InterruptedException {
        try {
            future.get();
            return "none";
        } catch (ExecutionException e) {
            return e.getCause().getClass().getName();
        }
    }

    /** @return records from a, from b, and the polls that returned any */
    private static int[] consume(String servers, String protocol, String group, String a, String b) {
        Properties props = common(servers);
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", StringDeserializer.class.getName());
        props.put("auto.offset.reset", "earliest");
        props.put("group.protocol", protocol);
        if (!protocol.equals("classic")) {
            props.put("group.id", group);
        }
        int[] seen = new int[3];
        long deadline = System.nanoTime() + 60_000_000_000L;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            if (protocol.equals("classic")) {
                consumer.assign(List.of(new TopicPartition(a, 0), new TopicPartition(b, 0)));
            } else {
                consumer.subscribe(List.of(a, b));
            }
            while (seen[0] + seen[1] < TO_A + TO_B) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(protocol + " consumer saw only " + Arrays.toString(seen));
                }
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    seen[2]++;
                }
                seen[0] += records.records(new TopicPartition(a, 0)).size();
                seen[1] += records.records(new TopicPartition(b, 0)).size();
            }
        }
        return seen;
    }

    private static Properties common(String servers) {
        Properties props = new Properties();
        props.put("bootstrap.servers", servers);
        return props;
    }
}
