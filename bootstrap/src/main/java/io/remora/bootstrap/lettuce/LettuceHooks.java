package io.remora.bootstrap.lettuce;

import io.remora.bootstrap.redis.RedisCommands;
import io.remora.bootstrap.redis.RedisHooks;
import io.remora.bootstrap.WeakIdentityMap;
import io.remora.bootstrap.label.ErrorTypes;

/**
 * What Lettuce advice calls. Every command an application issues, through the synchronous, the
 * asynchronous or the reactive API, reaches its connection's {@code RedisChannelHandler.dispatch}
 * as one {@code RedisCommand} object (an {@code AsyncCommand}, or the reactive API's
 * {@code CommandWrapper}); that object is completed once, by the event loop when the reply is
 * decoded, or exceptionally, or cancelled. {@link #dispatched} notes its start, keyed by the
 * object (weakly: a command never completed goes with its object), and the first completion of
 * that object records it, its end taken as the completion begins, before the future's dependents
 * or the reactive subscriber run. Nothing waits, and what the application gets is untouched.
 *
 * <p>error_type: what Lettuce fails the command with: for an error reply, the class its
 * {@code ExceptionFactory} makes of the message ({@link #ofErrorReply}); else the Throwable the
 * command was completed with (a closed connection's {@code RedisException}, ...);
 * {@code java.util.concurrent.CancellationException} for a cancelled one (a synchronous call's
 * timeout cancels it).
 */
public final class LettuceHooks {

    public static final String CANCELLED = "java.util.concurrent.CancellationException";

    private static final String EXECUTION = "io.lettuce.core.RedisCommandExecutionException";
    private static final String[][] ERROR_PREFIXES = {
        {"BUSY", "io.lettuce.core.RedisBusyException"},
        {"NOSCRIPT", "io.lettuce.core.RedisNoScriptException"},
        {"LOADING", "io.lettuce.core.RedisLoadingException"},
        {"READONLY", "io.lettuce.core.RedisReadOnlyException"},
    };

    private static final WeakIdentityMap<Pending> PENDING = new WeakIdentityMap<>();

    private LettuceHooks() {
    }

    /**
     * At {@code dispatch(command)}'s start.
     * @param type the command type's bytes ({@code ProtocolKeyword.getBytes()})
     */
    public static void dispatched(Object command, byte[] type) {
        if (PENDING.get(command) == null) { // dispatched again (a wrapper connection): the first start holds
            PENDING.put(command, new Pending(System.nanoTime(), RedisCommands.of(type)));
        }
    }

    /** When {@code dispatch} itself threw: the command counts now, with that. */
    public static void dispatchFailed(Object command, Throwable thrown) {
        if (thrown != null) {
            completed(command, System.nanoTime(), ErrorTypes.of(thrown));
        }
    }

    /**
     * When a command object's completion returns.
     * @param endNanos taken as the completion began
     * @param errorType from {@link #ofErrorReply}, {@link ErrorTypes#of} or {@link #CANCELLED}
     */
    public static void completed(Object command, long endNanos, String errorType) {
        Pending pending = PENDING.remove(command);
        if (pending != null) {
            RedisHooks.record(pending.startNanos, endNanos, pending.operation, errorType);
        }
    }

    /** A command object's {@code completeExceptionally(thrown)} returned. */
    public static void failed(Object command, long endNanos, Throwable thrown) {
        completed(command, endNanos, ErrorTypes.of(thrown));
    }

    /** error_type of a command completed normally: its reply's error, if any ({@code CommandOutput.getError()}). */
    public static String ofErrorReply(String error) {
        if (error == null) {
            return ErrorTypes.NONE;
        }
        for (String[] prefix : ERROR_PREFIXES) {
            if (error.startsWith(prefix[0])) {
                return prefix[1];
            }
        }
        return EXECUTION;
    }

    /** Commands dispatched and not completed yet, for tests. */
    static int pending() {
        return PENDING.size();
    }

    private static final class Pending {
        final long startNanos;
        final String operation;

        Pending(long startNanos, String operation) {
            this.startNanos = startNanos;
            this.operation = operation;
        }
    }
}
