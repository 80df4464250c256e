package io.remora.agent.instrument.jdkhttpserver;

import static io.remora.agent.instrument.inline.MethodMatcher.named;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArgument;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArguments;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import io.remora.agent.instrument.MethodAdvice;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import io.remora.bootstrap.http.HttpServerHooks;
import net.bytebuddy.asm.Advice;

/**
 * {@code Filter.Chain.doFilter(HttpExchange)}: every exchange runs through it, once for the
 * application's filters and again, nested, for the server's; the outermost call is the request.
 * Route = the context's path, which the application chose when it created the context.
 */
final class FilterChainAdvice implements TypeInstrumentation {

    private static final String CHAIN = "com.sun.net.httpserver.Filter$Chain";

    @Override
    public ClassMatch classes() {
        return ClassMatch.named(CHAIN);
    }

    @Override
    public MethodAdvice advice() {
        return MethodAdvice.on(named("doFilter").and(takesArguments(1)).and(takesArgument(0, HttpExchange.class)),
                DoFilter.class.getName());
    }

    /** Inlined into {@code Filter.Chain.doFilter(HttpExchange)}. */
    static final class DoFilter {

        private DoFilter() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return HttpServerHooks.enter();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long start, @Advice.Argument(0) HttpExchange exchange,
                @Advice.Thrown Throwable thrown) {
            if (!HttpServerHooks.exit(start)) {
                return;
            }
            HttpServerHooks.record(start, exchange.getRequestMethod(), exchange.getResponseCode(),
                    exchange.getHttpContext().getPath(), exchange instanceof HttpsExchange ? "https" : "http",
                    thrown);
        }
    }
}
