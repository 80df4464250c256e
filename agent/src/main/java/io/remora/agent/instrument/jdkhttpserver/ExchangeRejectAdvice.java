package io.remora.agent.instrument.jdkhttpserver;

import static io.remora.agent.instrument.inline.MethodMatcher.named;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArgument;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArguments;

import io.remora.agent.instrument.MethodAdvice;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import io.remora.bootstrap.http.HttpServerHooks;
import net.bytebuddy.asm.Advice;

/**
 * {@code ServerImpl.Exchange.reject(int code, String requestLine, String message)}: the replies the
 * server sends itself, which never reach a chain: the 404 for a path no context matches, the 400s
 * and 501 for a malformed request, the 500 of a context without handler (JDK 17 as 25). Counted
 * with no route and the method read from the request line; timed from after the request's headers
 * were read, as a chain's request is.
 */
final class ExchangeRejectAdvice implements TypeInstrumentation {

    private static final String EXCHANGE = "sun.net.httpserver.ServerImpl$Exchange";

    @Override
    public ClassMatch classes() {
        return ClassMatch.named(EXCHANGE);
    }

    @Override
    public MethodAdvice advice() {
        return MethodAdvice.on(named("reject").and(takesArguments(3)).and(takesArgument(0, int.class))
                .and(takesArgument(1, String.class)), Reject.class.getName());
    }

    /** Inlined into {@code ServerImpl.Exchange.reject(int, String, String)}. */
    static final class Reject {

        private Reject() {
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
