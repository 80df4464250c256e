package io.remora.agent.instrument.reactornetty;

import static io.remora.agent.instrument.inline.MethodMatcher.named;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArgument;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArguments;

import io.remora.agent.instrument.MethodAdvice;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import io.remora.bootstrap.reactornetty.ReactorServerExchange;
import io.netty.util.AttributeKey;
import net.bytebuddy.asm.Advice;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpRouteHandlerMetadata;

/**
 * Reactor Netty's own routing ({@code HttpServer.route(...)}): {@code DefaultHttpServerRoutes}
 * calls the {@code apply} of the one route whose condition matched the request; that route's
 * {@code getPath()} is its template as the application wrote it ({@code /orders/{id}}), or null for
 * a route of a bare predicate. A path no route matches is answered 404 by the routes themselves,
 * with no route.
 */
final class RouteHandlerAdvice implements TypeInstrumentation {

    @Override
    public ClassMatch classes() {
        return ClassMatch.named("reactor.netty.http.server.DefaultHttpServerRoutes$HttpRouteHandler");
    }

    @Override
    public MethodAdvice advice() {
        return MethodAdvice.on(named("apply").and(takesArguments(2))
                .and(takesArgument(0, "reactor.netty.http.server.HttpServerRequest")), Chosen.class.getName());
    }

    /** Inlined at the start of the chosen route's {@code apply(HttpServerRequest, HttpServerResponse)}. */
    static final class Chosen {

        private Chosen() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object route, @Advice.Argument(0) Object request) {
            ReactorServerExchange.route(((Connection) request).channel()
                            .attr(AttributeKey.valueOf(ReactorServerExchange.CHANNEL_ATTRIBUTE)).get(), request,
                    ((HttpRouteHandlerMetadata) route).getPath());
        }
    }
}
