package io.remora.bootstrap.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.remora.bootstrap.jdbc.JdbcHooks;
import io.remora.bootstrap.meter.BucketBounds;
import io.remora.bootstrap.meter.HistogramSnapshot;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The calls Jedis's and Lettuce's advice make, in the order the libraries make them: what is
 * recorded, once, with which operation and error.
 */
class RedisHooksTest {

    private static final String DATA_ERROR = "redis.clients.jedis.exceptions.JedisDataException";

    /** Stand-ins for the libraries' exceptions and objects, one per test. */
    private static final class DataError extends RuntimeException {
    }

    private static final class ConnectionLost extends RuntimeException {
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static long count(String operation, String errorType) {
        HistogramSnapshot snapshot = new HistogramSnapshot(BucketBounds.DB_DURATION);
        JdbcHooks.DURATION.labels("redis", operation, errorType).snapshot(snapshot);
        return snapshot.count();
    }

    @Test
    void jedisPairsRepliesWithCommandsInTheOrderTheyWereSent() {
        Object connection = new Object();
        long lpush = count("LPUSH", "");
        long llen = count("LLEN", "");
        long incrError = count("INCR", DataError.class.getName());
        // a pipeline: three sends, then three reads, the second an error reply
        JedisHooks.sent(connection, System.nanoTime(), bytes("LPUSH"), null);
        JedisHooks.sent(connection, System.nanoTime(), bytes("INCR"), null);
        JedisHooks.sent(connection, System.nanoTime(), bytes("LLEN"), null);
        JedisHooks.read(connection, null, false);
        JedisHooks.read(connection, new DataError(), false);
        JedisHooks.read(connection, null, false);
        assertEquals(lpush + 1, count("LPUSH", ""));
        assertEquals(incrError + 1, count("INCR", DataError.class.getName()));
        assertEquals(llen + 1, count("LLEN", ""));
        // a reply nobody asked for (a pub/sub message) counts nothing
        JedisHooks.read(connection, null, false);
        assertEquals(llen + 1, count("LLEN", ""));
    }

    @Test
    void jedisCountsEveryWaitingCommandWhenTheConnectionBreaks() {
        Object connection = new Object();
        long before = count("HGETALL", ConnectionLost.class.getName());
        for (int i = 0; i < 5; i++) { // more than the queue's first size
            JedisHooks.sent(connection, System.nanoTime(), bytes("hgetall"), null);
        }
        JedisHooks.read(connection, new ConnectionLost(), true);
        assertEquals(before + 5, count("HGETALL", ConnectionLost.class.getName()));
        JedisHooks.read(connection, new ConnectionLost(), true);
        assertEquals(before + 5, count("HGETALL", ConnectionLost.class.getName()));
    }

    @Test
    void jedisCountsAFailedSendAtOnceAndLeavesTheSetUpAndForgottenRepliesOut() {
        Object connection = new Object();
        long refused = count("GET", ConnectionLost.class.getName());
        JedisHooks.sent(connection, System.nanoTime(), bytes("GET"), new ConnectionLost());
        assertEquals(refused + 1, count("GET", ConnectionLost.class.getName()));

        long client = count("CLIENT", DATA_ERROR) + count("CLIENT", "");
        JedisHooks.enterInitialize();
        JedisHooks.sent(connection, System.nanoTime(), bytes("CLIENT"), null);
        JedisHooks.read(connection, null, false);
        JedisHooks.exitInitialize();
        assertEquals(client, count("CLIENT", DATA_ERROR) + count("CLIENT", ""));

        long ping = count("PING", "");
        JedisHooks.sent(connection, System.nanoTime(), bytes("PING"), null);
        JedisHooks.disconnected(connection);
        JedisHooks.sent(connection, System.nanoTime(), bytes("ECHO"), null);
        JedisHooks.read(connection, null, false);
        assertEquals(ping, count("PING", ""), "the reply read after reconnecting is ECHO's");
    }

    @Test
    void lettuceRecordsACommandOnceAtItsFirstCompletion() {
        Object command = new Object();
        long before = count("SET", "");
        LettuceHooks.dispatched(command, bytes("SET"));
        LettuceHooks.dispatched(command, bytes("SET")); // a wrapper connection's dispatch: one start
        long end = System.nanoTime();
        LettuceHooks.completed(command, end, LettuceHooks.ofErrorReply(null));
        LettuceHooks.completed(command, end, LettuceHooks.CANCELLED);
        LettuceHooks.failed(command, end, new IllegalStateException());
        assertEquals(before + 1, count("SET", ""));
        assertEquals(0, count("SET", LettuceHooks.CANCELLED));

        long never = count("GET", "");
        LettuceHooks.completed(new Object(), end, ""); // not dispatched: the command inside a wrapper
        assertEquals(never, count("GET", ""));
    }

    @Test
    void lettuceNamesErrorsAsItsExceptionFactoryDoes() {
        assertEquals("", LettuceHooks.ofErrorReply(null));
        assertEquals("io.lettuce.core.RedisCommandExecutionException",
                LettuceHooks.ofErrorReply("ERR value is not an integer or out of range"));
        assertEquals("io.lettuce.core.RedisBusyException", LettuceHooks.ofErrorReply("BUSY Redis is busy"));
        assertEquals("io.lettuce.core.RedisNoScriptException", LettuceHooks.ofErrorReply("NOSCRIPT No matching"));
        assertEquals("io.lettuce.core.RedisLoadingException", LettuceHooks.ofErrorReply("LOADING loading"));
        assertEquals("io.lettuce.core.RedisReadOnlyException", LettuceHooks.ofErrorReply("READONLY replica"));

        Object command = new Object();
        long before = count("BLPOP", IllegalStateException.class.getName());
        LettuceHooks.dispatched(command, bytes("BLPOP"));
        LettuceHooks.dispatchFailed(command, null);
        LettuceHooks.dispatchFailed(command, new IllegalStateException());
        assertEquals(before + 1, count("BLPOP", IllegalStateException.class.getName()));
    }
}
