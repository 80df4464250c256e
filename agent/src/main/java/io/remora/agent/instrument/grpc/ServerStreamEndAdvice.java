package io.remora.agent.instrument.grpc;

import static io.remora.agent.instrument.inline.MethodMatcher.named;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArguments;

import io.grpc.Status;
import io.remora.agent.instrument.MethodAdvice;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import io.remora.bootstrap.grpc.GrpcHooks;
import net.bytebuddy.asm.Advice;

/**
 * {@code ServerCallImpl$ServerStreamListenerImpl.closed(Status)}: the transport says a server call's
 * stream has ended, OK once the server's close went out, else why it did not; it then calls the
 * application's {@code onComplete} or {@code onCancel}, where OpenTelemetry's interceptor ends.
 * Recorded as it begins, so the application's callbacks are not counted.
 */
final class ServerStreamEndAdvice implements TypeInstrumentation {

    static final String STREAM_LISTENER = ServerCallAdvice.SERVER_CALL + "$ServerStreamListenerImpl";

    @Override
    public ClassMatch classes() {
        return ClassMatch.named(STREAM_LISTENER);
    }

    @Override
    public MethodAdvice advice() {
        return MethodAdvice.on(named("closed").and(takesArguments(1)), Closed.class.getName());
    }

    /** Inlined into {@code closed(Status)}. */
    static final class Closed {

        private Closed() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.FieldValue("call") Object call, @Advice.Argument(0) Status status) {
            GrpcHooks.serverCallEnded(call, status.isOk(), status.getCode().value(), status.getCause() != null);
        }
    }
}
