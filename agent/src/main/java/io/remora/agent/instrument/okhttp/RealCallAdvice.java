package io.remora.agent.instrument.okhttp;

import static io.remora.agent.instrument.inline.MethodMatcher.named;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArguments;

import io.remora.agent.instrument.MethodAdvice;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import io.remora.bootstrap.http.LibraryClientHooks;
import net.bytebuddy.asm.Advice;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/**
 * OkHttp 4 and 5 (the same class and method in both): {@code okhttp3.internal.connection.RealCall},
 * the one {@code Call} implementation, runs every call, {@code execute()} on the caller's thread
 * and {@code enqueue(Callback)} on the dispatcher's, through its
 * {@code getResponseWithInterceptorChain} (Kotlin {@code internal}, so named
 * {@code getResponseWithInterceptorChain$okhttp} in the class file): advice there counts
 * each call once, from when it starts running until the interceptor chain returns its response
 * (headers received) or throws. Retries and redirects ({@code RetryAndFollowUpInterceptor}) are
 * inside: one request, with the final status and the call's original URL. An asynchronous call's
 * time waiting in the dispatcher's queue (more than {@code maxRequestsPerHost} at once) is not
 * counted, nor is the application's {@code Callback}, which runs after. A call from within an
 * interceptor is a request of its own and is counted as one.
 */
final class RealCallAdvice implements TypeInstrumentation {

    static final String REAL_CALL = "okhttp3.internal.connection.RealCall";

    @Override
    public ClassMatch classes() {
        return ClassMatch.named(REAL_CALL);
    }

    @Override
    public MethodAdvice advice() {
        return MethodAdvice.on(named("getResponseWithInterceptorChain$okhttp").and(takesArguments(0)),
                Chain.class.getName());
    }

    /** Inlined into {@code getResponseWithInterceptorChain$okhttp()}. */
    static final class Chain {

        private Chain() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return System.nanoTime();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long start, @Advice.This Call call, @Advice.Return Response response,
                @Advice.Thrown Throwable thrown) {
            Request request = call.request();
            HttpUrl url = request.url();
            LibraryClientHooks.record(start, request.method(), url.host(), url.port(), url.scheme(),
                    thrown == null && response != null ? response.code() : 0, thrown);
        }
    }
}
