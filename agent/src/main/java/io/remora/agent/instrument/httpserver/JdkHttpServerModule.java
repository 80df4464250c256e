package io.remora.agent.instrument.httpserver;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import io.remora.agent.instrument.InstrumentationModule;
import io.remora.agent.instrument.MethodAdvice;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import io.remora.bootstrap.http.HttpServerHooks;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * The JDK's own server ({@code com.sun.net.httpserver}): every exchange runs through
 * {@code Filter.Chain.doFilter}, once for the application's filters and again, nested, for the
 * server's; the outermost call is the request. Route = the context's path, which the application
 * chose when it created the context, never the request's path.
 *
 * <p>A request the server answers itself never reaches a chain: {@code ServerImpl.Exchange.reject(int
 * code, String requestLine, String message)} sends the 404 for a path no context matches (also the
 * 400s and 501 for a malformed request, and the 500 of a context without handler), on JDK 17 as on
 * 25. Those are counted at that call, with no route and the method read from the request line; its
 * time is the reply's, from after the request's headers were read, as a chain's is.
 */
public final class JdkHttpServerModule implements InstrumentationModule {

    private static final String CHAIN = "com.sun.net.httpserver.Filter$Chain";
    private static final String EXCHANGE = "sun.net.httpserver.ServerImpl$Exchange";

    @Override
    public String name() {
        return "http-server";
    }

    @Override
    public List<TypeInstrumentation> types() {
        return Arrays.<TypeInstrumentation>asList(new Chains(), new Rejections());
    }

    private static final class Chains implements TypeInstrumentation {

        @Override
        public ClassMatch classes() {
            return ClassMatch.named(CHAIN);
        }

        @Override
        public MethodAdvice advice() {
            return MethodAdvice.on(named("doFilter").and(takesArguments(1)).and(takesArgument(0, HttpExchange.class)),
                    ChainAdvice.class.getName());
        }
    }

    private static final class Rejections implements TypeInstrumentation {

        @Override
        public ClassMatch classes() {
            return ClassMatch.named(EXCHANGE);
        }

        @Override
        public MethodAdvice advice() {
            return MethodAdvice.on(named("reject").and(takesArguments(3)).and(takesArgument(0, int.class))
                    .and(takesArgument(1, String.class)), RejectAdvice.class.getName());
        }
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

    /** Inlined into {@code ServerImpl.Exchange.reject(int, String, String)}. */
    static final class RejectAdvice {

        private RejectAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return HttpServerHooks.enter();
        }

        /** @param protocol the Exchange's: {@code http} or {@code https} */
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long start, @Advice.Argument(0) int code, @Advice.Argument(1) String requestLine,
                @Advice.FieldValue("protocol") String protocol) {
            if (HttpServerHooks.exit(start)) {
                HttpServerHooks.rejected(start, code, requestLine, protocol);
            }
        }
    }
}
