package io.remora.agent.instrument.httpserver;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import io.remora.agent.instrument.InstrumentationModule;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import io.remora.bootstrap.http.HttpServerHooks;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * The JDK's own server ({@code com.sun.net.httpserver}): every exchange runs through
 * {@code Filter.Chain.doFilter}, once for the application's filters and again, nested, for the
 * server's; the outermost call is the request. Route = the context's path, which the application
 * chose when it created the context, never the request's path.
 */
public final class JdkHttpServerModule implements InstrumentationModule, TypeInstrumentation {

    private static final String CHAIN = "com.sun.net.httpserver.Filter$Chain";

    @Override
    public String name() {
        return "http-server";
    }

    @Override
    public List<TypeInstrumentation> types() {
        return Collections.singletonList(this);
    }

    @Override
    public ClassMatch classes() {
        return ClassMatch.named(CHAIN);
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return new AgentBuilder.Transformer.ForAdvice()
                .include(JdkHttpServerModule.class.getClassLoader())
                .advice(named("doFilter").and(takesArguments(1)).and(takesArgument(0, HttpExchange.class)),
                        ChainAdvice.class.getName());
    }

    /** Inlined into {@code Filter.Chain.doFilter(HttpExchange)}. */
    static final class ChainAdvice {

        private ChainAdvice() {
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
