package io.remora.agent.instrument.kafka;

import static io.remora.agent.instrument.inline.MethodMatcher.named;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArguments;

import io.remora.agent.instrument.MethodAdvice;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import io.remora.bootstrap.kafka.ConsumerHooks;
import net.bytebuddy.asm.Advice;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code KafkaConsumer.poll(Duration)} and 3.x's {@code poll(long)}: the facade that hands each call
 * to the consumer behind it (4.x's classic or {@code AsyncKafkaConsumer}, 3.7+'s delegates), so
 * one advice covers them all; neither overload calls the other.
 */
final class PollAdvice implements TypeInstrumentation {

    @Override
    public ClassMatch classes() {
        return ClassMatch.named("org.apache.kafka.clients.consumer.KafkaConsumer");
    }

    @Override
    public MethodAdvice advice() {
        return MethodAdvice.on(named("poll").and(takesArguments(1)), Poll.class.getName());
    }

    /** Inlined into {@code poll}. */
    static final class Poll {

        private Poll() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return System.nanoTime();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long start, @Advice.Return ConsumerRecords<?, ?> records,
                @Advice.Thrown Throwable thrown) {
            if (thrown != null) {
                ConsumerHooks.polled(start, null, thrown);
            } else if (records != null && !records.isEmpty()) {
                String destination = null;
                for (TopicPartition partition : records.partitions()) {
                    ConsumerHooks.consumed(partition.topic(), records.records(partition).size());
                    destination = ConsumerHooks.destination(destination, partition.topic());
                }
                ConsumerHooks.polled(start, destination, null);
            }
        }
    }
}
