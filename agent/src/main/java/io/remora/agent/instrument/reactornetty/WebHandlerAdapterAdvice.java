package io.remora.agent.instrument.reactornetty;

import static io.remora.agent.instrument.inline.MethodMatcher.named;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArguments;

import io.remora.agent.instrument.MethodAdvice;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import io.remora.bootstrap.reactornetty.ReactorServerExchange;
import io.netty.util.AttributeKey;
import net.bytebuddy.asm.Advice;
import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.netty.Connection;

/**
 * Spring WebFlux: {@code HttpWebHandlerAdapter.createExchange} makes the one
 * {@code ServerWebExchange} of a request; when the request came from Reactor Netty (its native
 * request is the {@code HttpServerOperations}), the exchange's attributes are handed to the request's
 * {@link ReactorServerExchange}, which reads WebFlux's matched pattern and handled exception from
 * them when the request ends. Nothing is recorded here: the request is counted once, by Reactor
 * Netty's operations. WebFlux on a servlet container is measured by the servlet instrumentation.
 */
final class WebHandlerAdapterAdvice implements TypeInstrumentation {

    @Override
    public ClassMatch classes() {
        return ClassMatch.named("org.springframework.web.server.adapter.HttpWebHandlerAdapter");
    }

    @Override
    public MethodAdvice advice() {
        return MethodAdvice.on(named("createExchange").and(takesArguments(2)), Created.class.getName());
    }

    /** Inlined at the end of {@code createExchange(ServerHttpRequest, ServerHttpResponse)}. */
    static final class Created {

        private Created() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Return ServerWebExchange exchange) {
            ServerHttpRequest request = exchange.getRequest();
            if (request instanceof AbstractServerHttpRequest) {
                Object operations = ((AbstractServerHttpRequest) request).getNativeRequest();
                // named first: on a servlet container Reactor Netty may be missing from the class path
                if (operations.getClass().getName().startsWith("reactor.netty.")) {
                    ReactorServerExchange.attributes(((Connection) operations).channel()
                                    .attr(AttributeKey.valueOf(ReactorServerExchange.CHANNEL_ATTRIBUTE)).get(),
                            operations, exchange.getAttributes());
                }
            }
        }
    }
}
