package io.remora.agent.instrument.jdkhttpclient;

import static io.remora.agent.instrument.inline.MethodMatcher.isPrivate;
import static io.remora.agent.instrument.inline.MethodMatcher.named;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArguments;

import io.remora.agent.instrument.MethodAdvice;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import io.remora.bootstrap.http.HttpClientHooks;
import java.net.http.HttpRequest;
import java.util.concurrent.CompletableFuture;
import net.bytebuddy.asm.Advice;

/**
 * {@code java.net.http.HttpClient}: {@code send}, {@code sendAsync(2)} and {@code sendAsync(3)} of
 * {@code HttpClientImpl} (behind the facade {@code HttpClient.newHttpClient()} returns) all call
 * its private {@code sendAsync(request, handler, pushPromiseHandler, executor)} once (JDK 11 to 25),
 * so advice there counts every request once, measured until the returned future completes.
 */
final class JavaNetHttpClientAdvice implements TypeInstrumentation {

    static final String CLIENT_IMPL = "jdk.internal.net.http.HttpClientImpl";

    @Override
    public ClassMatch classes() {
        return ClassMatch.named(CLIENT_IMPL);
    }

    @Override
    public MethodAdvice advice() {
        return MethodAdvice.on(named("sendAsync").and(isPrivate()).and(takesArguments(4)), SendAsync.class.getName());
    }

    /** Inlined into {@code HttpClientImpl.sendAsync(HttpRequest, BodyHandler, PushPromiseHandler, Executor)}. */
    static final class SendAsync {

        private SendAsync() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return System.nanoTime();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long start, @Advice.Argument(0) HttpRequest request,
                @Advice.Return CompletableFuture<?> response, @Advice.Thrown Throwable thrown) {
            HttpClientHooks.sent(start, request.method(), request.uri(), response, thrown);
        }
    }
}
