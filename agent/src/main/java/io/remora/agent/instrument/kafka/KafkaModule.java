package io.remora.agent.instrument.kafka;

import io.remora.agent.instrument.InstrumentationModule;
import io.remora.agent.instrument.TypeInstrumentation;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code messaging_client_*} families for kafka-clients 3.7+ and 4.x, under the {@code messaging}
 * switch: each producer send from {@code doSend} until the broker's acknowledgement
 * ({@link SendAdvice}, {@link AppendCallbacksAdvice}), each consumer poll that returns records
 * ({@link PollAdvice}); see {@link io.remora.bootstrap.kafka.ProducerHooks} and
 * {@link io.remora.bootstrap.kafka.ConsumerHooks}.
 */
public final class KafkaModule implements InstrumentationModule {

    @Override
    public String name() {
        return "messaging";
    }

    @Override
    public List<TypeInstrumentation> types() {
        return Arrays.<TypeInstrumentation>asList(new SendAdvice(), new AppendCallbacksAdvice(), new PollAdvice());
    }
}
