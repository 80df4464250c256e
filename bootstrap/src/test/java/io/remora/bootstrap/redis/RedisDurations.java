package io.remora.bootstrap.redis;

import io.remora.bootstrap.jdbc.JdbcHooks;
import io.remora.bootstrap.meter.BucketBounds;
import io.remora.bootstrap.meter.HistogramSnapshot;
import java.nio.charset.StandardCharsets;

/** What the Redis hooks' tests share: command names as the libraries hand them over, and the counts recorded. */
public final class RedisDurations {

    private RedisDurations() {
    }

    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The {@code db_client_operation_duration_seconds} count for Redis' {@code operation} and {@code errorType}. */
    public static long count(String operation, String errorType) {
        HistogramSnapshot snapshot = new HistogramSnapshot(BucketBounds.DB_DURATION);
        JdbcHooks.DURATION.labels("redis", operation, errorType).snapshot(snapshot);
        return snapshot.count();
    }
}
