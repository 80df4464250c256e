package io.remora.agent.instrument.jedis;

import static io.remora.agent.instrument.inline.MethodMatcher.named;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArgument;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArguments;

import io.remora.agent.instrument.MethodAdvice;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import io.remora.bootstrap.jedis.JedisHooks;
import net.bytebuddy.asm.Advice;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Jedis 4 and later (tested on 4.4, 5.2 and 7.2): {@code redis.clients.jedis.Connection}, the one class
 * every command goes through whichever API sent it, sends each command with
 * {@code sendCommand(CommandArguments)} and reads each reply with
 * {@code readProtocolWithCheckingBroken()}; {@link JedisHooks} pairs them per connection, in order.
 * Its set-up ({@code initializeFromClientConfig(config)}) is left out, and {@code disconnect()}
 * forgets replies never read. Matched by exact name: no other class is looked at; a subclass
 * (client-side caching's {@code CacheConnection}) goes through these same methods.
 */
final class ConnectionAdvice implements TypeInstrumentation {

    static final String CONNECTION = "redis.clients.jedis.Connection";

    @Override
    public ClassMatch classes() {
        return ClassMatch.named(CONNECTION);
    }

    @Override
    public MethodAdvice advice() {
        return MethodAdvice.on(named("sendCommand").and(takesArguments(1))
                        .and(takesArgument(0, "redis.clients.jedis.CommandArguments")), Send.class.getName())
                .and(named("readProtocolWithCheckingBroken").and(takesArguments(0)), Read.class.getName())
                .and(named("initializeFromClientConfig").and(takesArguments(1)), Initialize.class.getName())
                .and(named("disconnect").and(takesArguments(0)), Disconnect.class.getName());
    }

    /** Inlined into {@code sendCommand(CommandArguments)}. */
    static final class Send {

        private Send() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return System.nanoTime();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long start, @Advice.This Connection connection,
                @Advice.Argument(0) CommandArguments args, @Advice.Thrown Throwable thrown) {
            JedisHooks.sent(connection, start, args.getCommand().getRaw(), thrown);
        }
    }

    /** Inlined into {@code readProtocolWithCheckingBroken()}. */
    static final class Read {

        private Read() {
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Connection connection, @Advice.Thrown Throwable thrown) {
            JedisHooks.read(connection, thrown, thrown instanceof JedisConnectionException);
        }
    }

    /** Inlined into {@code initializeFromClientConfig(config)}. */
    static final class Initialize {

        private Initialize() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter() {
            JedisHooks.enterInitialize();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit() {
            JedisHooks.exitInitialize();
        }
    }

    /** Inlined into {@code disconnect()}. */
    static final class Disconnect {

        private Disconnect() {
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Connection connection) {
            JedisHooks.disconnected(connection);
        }
    }
}
