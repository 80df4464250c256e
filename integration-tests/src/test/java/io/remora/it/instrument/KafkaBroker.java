package io.remora.it.instrument;

import io.remora.it.receivers.ReceiverUnavailableException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Kafka 4 broker in KRaft mode (broker and controller in one node, Kafka's own test kit)
 * in this JVM for a test class, on loopback ports with a temporary log directory, started before its
 * first test and stopped after its last: {@code @RegisterExtension static final KafkaBroker KAFKA =
 * new KafkaBroker();}, registered first: it starts while the class's other resources do. One that
 * does not start within {@value #START_TIMEOUT_S} s fails the tests with the reason, never skips
 * them. Set for a one-node cluster and quick groups: one partition for the offsets topic, no initial
 * rebalance delay, half-second heartbeats for the consumer protocol.
 */
public final class KafkaBroker implements BeforeAllCallback, AfterAllCallback {

    private static final long START_TIMEOUT_S = 90;

    private ExecutorService starter;
    private Future<KafkaClusterTestKit> starting;
    private KafkaClusterTestKit cluster;

    /** Starts the broker on a thread of its own, so that what the class starts next starts meanwhile. */
    @Override
    public void beforeAll(ExtensionContext context) {
        starter = Executors.newSingleThreadExecutor();
        starting = starter.submit(this::start);
    }

    /** The kit makes its temporary log directories and deletes them on close. */
    private KafkaClusterTestKit start() throws Exception {
        KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
                .setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("group.consumer.min.heartbeat.interval.ms", "500")
                .setConfigProp("group.consumer.heartbeat.interval.ms", "500")
                .build();
        try {
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            return kit;
        } catch (Exception | Error e) {
            kit.close();
            throw e;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (cluster == null && starting != null && starting.isDone() && !starting.isCancelled()) {
            try {
                cluster = starting.get(); // started, but no test asked for it
            } catch (ExecutionException e) {
                // it could not start: the tests that asked said so
            }
        }
        if (starter != null) {
            starter.shutdownNow();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Waits for the broker to be ready; fails with the reason when it could not start. */
    public synchronized String bootstrapServers() {
        if (cluster == null) {
            if (starting == null) {
                throw new IllegalStateException("the Kafka broker is started before the class's first test");
            }
            try {
                cluster = starting.get(START_TIMEOUT_S, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new ReceiverUnavailableException("the Kafka broker did not start within " + START_TIMEOUT_S
                        + " s", e);
            } catch (ExecutionException e) {
                throw new ReceiverUnavailableException("the Kafka broker could not start: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return cluster.bootstrapServers();
    }
}
