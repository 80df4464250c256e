package io.remora.agent.instrument.lettuce;

import static io.remora.agent.instrument.inline.MethodMatcher.named;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArgument;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArguments;

import io.remora.agent.instrument.MethodAdvice;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import io.remora.bootstrap.lettuce.LettuceHooks;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.CommandWrapper;
import io.lettuce.core.protocol.RedisCommand;
import java.util.Collection;
import net.bytebuddy.asm.Advice;

/**
 * {@code io.lettuce.core.RedisChannelHandler}, the base of every stateful connection (standalone,
 * pub/sub, cluster, sentinel, master/replica): its {@code dispatch(RedisCommand)} and
 * {@code dispatch(Collection)} take every command the application issues, after the connection's
 * own pre-processing (a command inside MULTI arrives as the {@code TransactionalCommand} that EXEC
 * completes) and before tracing wraps it. The command objects whose completion is advised
 * ({@code AsyncCommand}, {@code CommandWrapper}) are noted with their start; a cluster's
 * redirections and a reconnection's replay write the same object again below this, so each counts
 * once. The connection's handshake (HELLO, AUTH, CLIENT SETINFO) is written to the channel
 * directly and is not counted.
 */
final class DispatchAdvice implements TypeInstrumentation {

    static final String CHANNEL_HANDLER = "io.lettuce.core.RedisChannelHandler";

    @Override
    public ClassMatch classes() {
        return ClassMatch.named(CHANNEL_HANDLER);
    }

    @Override
    public MethodAdvice advice() {
        return MethodAdvice.on(named("dispatch").and(takesArguments(1))
                        .and(takesArgument(0, "io.lettuce.core.protocol.RedisCommand")), One.class.getName())
                .and(named("dispatch").and(takesArguments(1)).and(takesArgument(0, Collection.class)),
                        Many.class.getName());
    }

    /** Inlined into {@code dispatch(RedisCommand)}. */
    static final class One {

        private One() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) RedisCommand<?, ?, ?> command) {
            if (command instanceof AsyncCommand || command instanceof CommandWrapper) {
                LettuceHooks.dispatched(command, command.getType().getBytes());
            }
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) RedisCommand<?, ?, ?> command, @Advice.Thrown Throwable thrown) {
            LettuceHooks.dispatchFailed(command, thrown);
        }
    }

    /** Inlined into {@code dispatch(Collection)}: a batch ({@code flushCommands}, a transaction's). */
    static final class Many {

        private Many() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) Collection<?> commands) {
            for (Object each : commands) {
                if (each instanceof AsyncCommand || each instanceof CommandWrapper) {
                    LettuceHooks.dispatched(each, ((RedisCommand<?, ?, ?>) each).getType().getBytes());
                }
            }
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Collection<?> commands, @Advice.Thrown Throwable thrown) {
            if (thrown != null) {
                for (Object each : commands) {
                    LettuceHooks.dispatchFailed(each, thrown);
                }
            }
        }
    }
}
