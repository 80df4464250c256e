package io.remora.agent.instrument.lettuce;

import io.remora.agent.instrument.InstrumentationModule;
import io.remora.agent.instrument.TypeInstrumentation;
import java.util.Arrays;
import java.util.List;

/**
 * {@code db_client_operation_duration_seconds{db_system_name="redis"}} for Lettuce 6 and 7, under
 * the {@code redis} switch that Jedis has: each command from its dispatch ({@link DispatchAdvice})
 * until its command object completes ({@link CompletionAdvice}), whichever API issued it; see
 * {@link io.remora.bootstrap.lettuce.LettuceHooks}.
 */
public final class LettuceModule implements InstrumentationModule {

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public List<TypeInstrumentation> types() {
        return Arrays.<TypeInstrumentation>asList(new DispatchAdvice(), CompletionAdvice.asyncCommand(),
                CompletionAdvice.commandWrapper());
    }
}
