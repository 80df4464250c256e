package io.remora.bootstrap.lettuce;

import static io.remora.bootstrap.redis.RedisDurations.bytes;
import static io.remora.bootstrap.redis.RedisDurations.count;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The calls Lettuce's advice makes, in the order the library makes them: what is recorded, once, with which operation and error. */
class LettuceHooksTest {

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
