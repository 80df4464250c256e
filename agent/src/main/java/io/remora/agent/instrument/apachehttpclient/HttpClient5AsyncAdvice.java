package io.remora.agent.instrument.apachehttpclient;

import static io.remora.agent.instrument.inline.MethodMatcher.named;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArgument;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArguments;

import io.remora.agent.instrument.MethodAdvice;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.inline.MethodMatcher;
import io.remora.agent.instrument.select.ClassMatch;
import io.remora.bootstrap.apachehttpclient.AsyncExchange;
import net.bytebuddy.asm.Advice;
import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;

/**
 * Apache HttpClient 5.x async ({@code HttpAsyncClients.createDefault()}, {@code custom()},
 * {@code createHttp2Default()}: the clients of {@code InternalAbstractHttpAsyncClient}): every
 * {@code execute} goes through {@code doExecute}, which hands the request, once its producer has
 * made it, to the package-private {@code executeImmediate(request, entityProducer, scope, chain,
 * callback)} (5.5; scheduled retries re-enter the chain elsewhere): advice there puts an
 * {@link AsyncExchange} in front of the chain's outermost callback, which records the request
 * when it completes or fails, with the final response's status. Method from the request, server
 * from the scope's route (the target host, also through a proxy). The minimal clients
 * ({@code HttpAsyncClients.createMinimal()}), which have no execution chain, are not measured.
 */
final class HttpClient5AsyncAdvice implements TypeInstrumentation {

    static final String CLIENT = "org.apache.hc.client5.http.impl.async.InternalAbstractHttpAsyncClient";
    private static final String CALLBACK = "org.apache.hc.client5.http.async.AsyncExecCallback";

    @Override
    public ClassMatch classes() {
        return ClassMatch.named(CLIENT);
    }

    @Override
    public MethodAdvice advice() {
        MethodMatcher requestAndScope = named("executeImmediate")
                .and(takesArgument(0, "org.apache.hc.core5.http.HttpRequest"))
                .and(takesArgument(2, "org.apache.hc.client5.http.async.AsyncExecChain$Scope"));
        return MethodAdvice.on(requestAndScope.and(takesArguments(5)).and(takesArgument(4, CALLBACK)),
                ExecuteImmediate.class.getName())
                .and(requestAndScope.and(takesArguments(4)).and(takesArgument(3, CALLBACK)),
                        ExecuteImmediateWithoutChain.class.getName());
    }

    /** Inlined into {@code executeImmediate}. */
    static final class ExecuteImmediate {

        private ExecuteImmediate() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) HttpRequest request, @Advice.Argument(2) AsyncExecChain.Scope scope,
                @Advice.Argument(value = 4, readOnly = false) AsyncExecCallback callback) {
            HttpHost target = scope.route.getTargetHost();
            callback = (AsyncExecCallback) AsyncExchange.wrap(AsyncExecCallback.class, callback, System.nanoTime(),
                    request.getMethod(), target.getHostName(), target.getPort(), target.getSchemeName());
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(4) AsyncExecCallback callback, @Advice.Thrown Throwable thrown) {
            AsyncExchange.threw(callback, thrown);
        }
    }

    /** Inlined into {@code executeImmediate(request, entityProducer, scope, callback)} (5.1). */
    static final class ExecuteImmediateWithoutChain {

        private ExecuteImmediateWithoutChain() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) HttpRequest request, @Advice.Argument(2) AsyncExecChain.Scope scope,
                @Advice.Argument(value = 3, readOnly = false) AsyncExecCallback callback) {
            HttpHost target = scope.route.getTargetHost();
            callback = (AsyncExecCallback) AsyncExchange.wrap(AsyncExecCallback.class, callback, System.nanoTime(),
                    request.getMethod(), target.getHostName(), target.getPort(), target.getSchemeName());
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(3) AsyncExecCallback callback, @Advice.Thrown Throwable thrown) {
            AsyncExchange.threw(callback, thrown);
        }
    }
}
