package io.remora.agent.instrument.kafka;

import static io.remora.agent.instrument.inline.MethodMatcher.named;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArguments;

import io.remora.agent.instrument.MethodAdvice;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import io.remora.bootstrap.kafka.ProducerHooks;
import java.util.concurrent.Future;
import net.bytebuddy.asm.Advice;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * {@code KafkaProducer.doSend(ProducerRecord, Callback)} (3.x and 4.x), which both {@code send}
 * methods call once per record after the interceptors: the send's start and topic, and, as it
 * returns, a failure that never reached the I/O thread.
 */
final class SendAdvice implements TypeInstrumentation {

    static final String PRODUCER = "org.apache.kafka.clients.producer.KafkaProducer";

    @Override
    public ClassMatch classes() {
        return ClassMatch.named(PRODUCER);
    }

    @Override
    public MethodAdvice advice() {
        return MethodAdvice.on(named("doSend").and(takesArguments(2)), DoSend.class.getName());
    }

    /** Inlined into {@code doSend}. */
    static final class DoSend {

        private DoSend() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) ProducerRecord<?, ?> record) {
            ProducerHooks.sending(record.topic());
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Return Future<?> future, @Advice.Thrown Throwable thrown) {
            ProducerHooks.returned(future, thrown);
        }
    }
}
