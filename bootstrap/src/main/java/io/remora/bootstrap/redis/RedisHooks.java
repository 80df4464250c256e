package io.remora.bootstrap.redis;

import io.remora.bootstrap.jdbc.JdbcHooks;
import io.remora.bootstrap.label.ErrorTypes;

/**
 * Where the Redis clients' hooks record: the database histogram the JDBC instrumentation writes,
 * {@code db_client_operation_duration_seconds{db_system_name="redis",db_operation_name,error_type}},
 * {@code db_operation_name} from {@link RedisCommands}.
 */
public final class RedisHooks {

    public static final String SYSTEM = "redis";

    private RedisHooks() {
    }

    /** @param operation from {@link RedisCommands} */
    public static void record(long startNanos, long endNanos, String operation, String errorType) {
        JdbcHooks.DURATION.labels(SYSTEM, operation, errorType).record(endNanos - startNanos);
    }

    public static void record(long startNanos, long endNanos, String operation, Throwable thrown) {
        record(startNanos, endNanos, operation, ErrorTypes.of(thrown));
    }
}
