package io.remora.agent.instrument.reactornetty;

import static io.remora.agent.instrument.inline.MethodMatcher.isConstructor;
import static io.remora.agent.instrument.inline.MethodMatcher.named;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArguments;

import io.netty.handler.codec.http.HttpMethod;
import io.remora.agent.instrument.MethodAdvice;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import io.remora.bootstrap.reactornetty.ReactorClientExchange;
import net.bytebuddy.asm.Advice;

/**
 * {@code reactor.netty.http.client.HttpClientConnect$HttpClientHandler} (Reactor Netty 1.x): made
 * once per subscription to a request, before it connects, so its constructor starts the request;
 * its {@code test(Throwable)} is the filter of the request's {@code retryWhen}, asked about every
 * error (a refused connection, a response timeout, a redirect to follow, a pooled connection closed
 * before the request went out): when it answers false the error reaches the application, and the
 * request is recorded as failed, with the class of that error and no status, and the URL of its
 * {@code toURI} (the field is in Reactor Netty 1.0 to 1.3; {@code resourceUrl} is gone in 1.3).
 */
final class ClientHandlerAdvice implements TypeInstrumentation {

    @Override
    public ClassMatch classes() {
        return ClassMatch.named("reactor.netty.http.client.HttpClientConnect$HttpClientHandler");
    }

    @Override
    public MethodAdvice advice() {
        return MethodAdvice.on(isConstructor().and(takesArguments(1)), Subscribed.class.getName())
                .and(named("test").and(takesArguments(Throwable.class)), Failed.class.getName());
    }

    /** Inlined at the end of the constructor. */
    static final class Subscribed {

        private Subscribed() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object handler) {
            ReactorClientExchange.start(handler);
        }
    }

    /** Inlined at the end of {@code test(Throwable)}. */
    static final class Failed {

        private Failed() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object handler, @Advice.Return boolean retried,
                @Advice.Argument(0) Throwable error, @Advice.FieldValue("method") HttpMethod method,
                @Advice.FieldValue("toURI") Object uri) {
            if (!retried) {
                // UriEndpoint (package-private, in 1.0 to 1.3) prints its URL without a default port
                ReactorClientExchange.failed(handler, method.name(), String.valueOf(uri), error);
            }
        }
    }
}
