package io.remora.benchmarks;

import io.remora.bootstrap.kafka.ConsumerHooks;
import io.remora.bootstrap.kafka.ProducerHooks;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the Kafka advice adds per record sent and per poll, through the hooks it calls: {@code send}
 * is one whole send ({@code doSend}'s start, its {@code AppendCallbacks} noted, {@code doSend}'s
 * return with a pending future, the completion on the I/O thread); {@code poll} is a poll that
 * returned the records of two topics. Kafka's own work is not in it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class KafkaHooksBenchmark {

    private final CompletableFuture<Object> pending = new CompletableFuture<>();

    @Benchmark
    public Object send() {
        Object callbacks = new Object(); // the producer makes one per record
        ProducerHooks.sending("orders");
        ProducerHooks.callbacksCreated(callbacks);
        ProducerHooks.returned(pending, null);
        ProducerHooks.completed(callbacks, null);
        return callbacks;
    }

    @Benchmark
    public void poll() {
        long start = System.nanoTime();
        ConsumerHooks.consumed("orders", 3);
        String destination = ConsumerHooks.destination(null, "orders");
        ConsumerHooks.consumed("payments", 2);
        destination = ConsumerHooks.destination(destination, "payments");
        ConsumerHooks.polled(start, destination, null);
    }
}
