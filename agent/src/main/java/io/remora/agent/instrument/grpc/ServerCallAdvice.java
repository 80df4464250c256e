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
 * {@code io.grpc.internal.ServerCallImpl}, the call {@code ServerImpl} makes for each stream of a
 * method it knows, before any interceptor or handler runs (where OpenTelemetry's server interceptor
 * starts): its constructor starts the measurement, {@code close(Status, Metadata)} notes the status
 * the application closes it with. {@link ServerStreamEndAdvice} ends it.
 */
final class ServerCallAdvice implements TypeInstrumentation {

    static final String SERVER_CALL = "io.grpc.internal.ServerCallImpl";

    @Override
    public ClassMatch classes() {
        return ClassMatch.named(SERVER_CALL);
    }

    @Override
    public MethodAdvice advice() {
        return MethodAdvice.on(isConstructor(), Constructed.class.getName())
                .and(named("close").and(takesArguments(2)), Close.class.getName());
    }

    /** Inlined at the end of {@code ServerCallImpl}'s constructor. */
    static final class Constructed {

        private Constructed() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object call, @Advice.FieldValue("method") MethodDescriptor<?, ?> method) {
            GrpcHooks.serverCallStarted(call, method.getFullMethodName());
        }
    }

    /** Inlined into {@code close(Status, Metadata)}. */
    static final class Close {

        private Close() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object call, @Advice.Argument(0) Status status) {
            GrpcHooks.serverCallClosing(call, status.getCode().value());
        }
    }
}
