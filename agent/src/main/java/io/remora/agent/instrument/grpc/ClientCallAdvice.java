package io.remora.agent.instrument.grpc;

import static io.remora.agent.instrument.inline.MethodMatcher.isConstructor;
import static io.remora.agent.instrument.inline.MethodMatcher.named;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArguments;

import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.remora.agent.instrument.MethodAdvice;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import io.remora.bootstrap.grpc.GrpcHooks;
import net.bytebuddy.asm.Advice;

/**
 * {@code io.grpc.internal.ClientCallImpl}, what a channel's {@code newCall} makes for every call
 * (where OpenTelemetry's client interceptor starts), whichever stub issued it: its constructor
 * starts the measurement; its private {@code closeObserver(Listener, Status, Metadata)}, through
 * which every close reaches the application's listener (a response's status, a cancellation, a
 * deadline, a failure before the stream existed), ends it with that status, before the listener
 * runs; a {@code start} that throws ends it as UNKNOWN, as OpenTelemetry does.
 */
final class ClientCallAdvice implements TypeInstrumentation {

    static final String CLIENT_CALL = "io.grpc.internal.ClientCallImpl";

    @Override
    public ClassMatch classes() {
        return ClassMatch.named(CLIENT_CALL);
    }

    @Override
    public MethodAdvice advice() {
        return MethodAdvice.on(isConstructor(), Constructed.class.getName())
                .and(named("start").and(takesArguments(2)), Start.class.getName())
                .and(named("closeObserver").and(takesArguments(3)), CloseObserver.class.getName());
    }

    /** Inlined at the end of {@code ClientCallImpl}'s constructor. */
    static final class Constructed {

        private Constructed() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object call, @Advice.FieldValue("method") MethodDescriptor<?, ?> method) {
            GrpcHooks.clientCallStarted(call, method.getFullMethodName());
        }
    }

    /** Inlined into {@code start(Listener, Metadata)}. */
    static final class Start {

        private Start() {
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object call, @Advice.Thrown Throwable thrown) {
            if (thrown != null) {
                GrpcHooks.clientCallEnded(call, GrpcHooks.UNKNOWN);
            }
        }
    }

    /** Inlined into {@code closeObserver(Listener, Status, Metadata)}. */
    static final class CloseObserver {

        private CloseObserver() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object call, @Advice.Argument(1) Status status) {
            GrpcHooks.clientCallEnded(call, status.getCode().value());
        }
    }
}
