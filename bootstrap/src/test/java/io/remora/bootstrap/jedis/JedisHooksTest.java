package io.remora.bootstrap.jedis;

import static io.remora.bootstrap.redis.RedisDurations.bytes;
import static io.remora.bootstrap.redis.RedisDurations.count;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The calls Jedis's advice makes, in the order the library makes them: what is recorded, once, with which operation and error. */
class JedisHooksTest {

    private static final String DATA_ERROR = "redis.clients.jedis.exceptions.JedisDataException";

    /** Stand-ins for the library's exceptions, one per test. */
    private static final class DataError extends RuntimeException {
    }

    private static final class ConnectionLost extends RuntimeException {
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
}
