package io.remora.agent.instrument.reactornetty;

import static io.remora.agent.instrument.inline.MethodMatcher.named;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArguments;

import io.remora.agent.instrument.MethodAdvice;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import io.remora.bootstrap.reactornetty.ReactorClientExchange;
import net.bytebuddy.asm.Advice;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.http.client.HttpClientState;

/**
 * {@code reactor.netty.http.client.HttpClientConnect$HttpObserver}, the observer of each of a
 * request's connections, which knows the request's {@code HttpClientHandler}: told
 * {@code RESPONSE_COMPLETED} once a response has been received in full, the request ends with that
 * response's status and URL. A redirect Reactor Netty follows fails its exchange before it
 * completes, so only the final response ends the request.
 */
final class HttpObserverAdvice implements TypeInstrumentation {

    @Override
    public ClassMatch classes() {
        return ClassMatch.named("reactor.netty.http.client.HttpClientConnect$HttpObserver");
    }

    @Override
    public MethodAdvice advice() {
        return MethodAdvice.on(named("onStateChange").and(takesArguments(2)), StateChange.class.getName());
    }

    /** Inlined at the start of {@code onStateChange(Connection, State)}. */
    static final class StateChange {

        private StateChange() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) Object connection, @Advice.Argument(1) Object state,
                @Advice.FieldValue("handler") Object handler) {
            if (state == HttpClientState.RESPONSE_COMPLETED && connection instanceof HttpClientResponse) {
                HttpClientResponse response = (HttpClientResponse) connection;
                ReactorClientExchange.completed(handler, response.method().name(), response.resourceUrl(),
                        response.status().code());
            }
        }
    }
}
