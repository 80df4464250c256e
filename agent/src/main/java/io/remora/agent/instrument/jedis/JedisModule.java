package io.remora.agent.instrument.jedis;

import io.remora.agent.instrument.InstrumentationModule;
import io.remora.agent.instrument.TypeInstrumentation;
import java.util.Collections;
import java.util.List;

/**
 * {@code db_client_operation_duration_seconds{db_system_name="redis"}} for Jedis 4 and later
 * ({@link ConnectionAdvice}), under the {@code redis} switch that Lettuce shares.
 */
public final class JedisModule implements InstrumentationModule {

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public List<TypeInstrumentation> types() {
        return Collections.<TypeInstrumentation>singletonList(new ConnectionAdvice());
    }
}
