package io.remora.agent.instrument.lettuce;

import static io.remora.agent.instrument.inline.MethodMatcher.named;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArgument;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArguments;

import io.remora.agent.instrument.MethodAdvice;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import io.remora.bootstrap.lettuce.LettuceHooks;
import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.RedisCommand;
import net.bytebuddy.asm.Advice;

/**
 * The completion of the command objects that {@link DispatchAdvice} notes: {@code complete()},
 * {@code completeExceptionally(Throwable)} and {@code cancel} of {@code AsyncCommand} (the
 * synchronous and asynchronous APIs' futures) and of {@code CommandWrapper} (the reactive API's
 * commands). The end is taken as the completion begins, the command recorded as it returns (an
 * {@code AsyncCommand} only once it is done: it can be shared and completed more than once); a
 * completion of an object never dispatched (the command inside a wrapper) finds nothing to record.
 */
final class CompletionAdvice implements TypeInstrumentation {

    private final String className;
    private final String cancel;
    private final String completeAdvice;

    private CompletionAdvice(String className, String cancel, String completeAdvice) {
        this.className = className;
        this.cancel = cancel;
        this.completeAdvice = completeAdvice;
    }

    static CompletionAdvice asyncCommand() {
        return new CompletionAdvice("io.lettuce.core.protocol.AsyncCommand", "boolean",
                CompleteAsync.class.getName());
    }

    static CompletionAdvice commandWrapper() {
        return new CompletionAdvice("io.lettuce.core.protocol.CommandWrapper", "none",
                Complete.class.getName());
    }

    @Override
    public ClassMatch classes() {
        return ClassMatch.named(className);
    }

    @Override
    public MethodAdvice advice() {
        return MethodAdvice.on(named("complete").and(takesArguments(0)), completeAdvice)
                .and(named("completeExceptionally").and(takesArguments(1))
                        .and(takesArgument(0, Throwable.class)), Fail.class.getName())
                .and(named("cancel").and(cancel.equals("boolean")
                        ? takesArguments(1).and(takesArgument(0, boolean.class)) : takesArguments(0)),
                        Cancel.class.getName());
    }

    /** Inlined into {@code AsyncCommand.complete()}. */
    static final class CompleteAsync {

        private CompleteAsync() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return System.nanoTime();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long end, @Advice.This AsyncCommand<?, ?, ?> self) {
            if (self.isDone()) {
                CommandOutput<?, ?, ?> output = self.getOutput();
                LettuceHooks.completed(self, end, LettuceHooks.ofErrorReply(output == null ? null : output.getError()));
            }
        }
    }

    /** Inlined into {@code CommandWrapper.complete()}. */
    static final class Complete {

        private Complete() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return System.nanoTime();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long end, @Advice.This RedisCommand<?, ?, ?> self) {
            CommandOutput<?, ?, ?> output = self.getOutput();
            LettuceHooks.completed(self, end, LettuceHooks.ofErrorReply(output == null ? null : output.getError()));
        }
    }

    /** Inlined into {@code completeExceptionally(Throwable)}. */
    static final class Fail {

        private Fail() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return System.nanoTime();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long end, @Advice.This Object self, @Advice.Argument(0) Throwable error) {
            LettuceHooks.failed(self, end, error);
        }
    }

    /** Inlined into {@code cancel}. */
    static final class Cancel {

        private Cancel() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return System.nanoTime();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long end, @Advice.This Object self) {
            LettuceHooks.completed(self, end, LettuceHooks.CANCELLED);
        }
    }
}
