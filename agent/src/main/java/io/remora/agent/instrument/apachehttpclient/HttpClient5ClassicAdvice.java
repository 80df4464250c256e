package io.remora.agent.instrument.apachehttpclient;

import static io.remora.agent.instrument.inline.MethodMatcher.isAbstract;
import static io.remora.agent.instrument.inline.MethodMatcher.isStatic;
import static io.remora.agent.instrument.inline.MethodMatcher.named;
import static io.remora.agent.instrument.inline.MethodMatcher.not;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArgument;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArguments;

import io.remora.agent.instrument.MethodAdvice;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import io.remora.bootstrap.http.LibraryClientHooks;
import net.bytebuddy.asm.Advice;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.net.URIAuthority;

/**
 * Apache HttpClient 5.x classic: {@code doExecute(HttpHost, ClassicHttpRequest, HttpContext)} of
 * every class that extends {@code org.apache.hc.client5.http.impl.classic.CloseableHttpClient} and
 * declares it ({@code InternalHttpClient}, {@code MinimalHttpClient}, an application's decorator).
 * The server is the target host when the caller gives one, else the request's own authority
 * (what the client itself then routes to).
 */
final class HttpClient5ClassicAdvice implements TypeInstrumentation {

    static final String CLIENT = "org.apache.hc.client5.http.impl.classic.CloseableHttpClient";

    @Override
    public ClassMatch classes() {
        return ClassMatch.implementing(CLIENT).declaring("doExecute");
    }

    @Override
    public MethodAdvice advice() {
        return MethodAdvice.on(named("doExecute").and(takesArguments(3)).and(not(isAbstract())).and(not(isStatic()))
                .and(takesArgument(0, "org.apache.hc.core5.http.HttpHost"))
                .and(takesArgument(1, "org.apache.hc.core5.http.ClassicHttpRequest")),
                DoExecute.class.getName());
    }

    /** Inlined into {@code doExecute}. */
    static final class DoExecute {

        private DoExecute() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return LibraryClientHooks.enter();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long start, @Advice.Argument(0) HttpHost target,
                @Advice.Argument(1) ClassicHttpRequest request, @Advice.Return HttpResponse response,
                @Advice.Thrown Throwable thrown) {
            if (LibraryClientHooks.exit(start)) {
                int status = thrown == null && response != null ? response.getCode() : 0;
                if (target != null) {
                    LibraryClientHooks.record(start, request.getMethod(), target.getHostName(), target.getPort(),
                            target.getSchemeName(), status, thrown);
                } else {
                    URIAuthority authority = request.getAuthority();
                    LibraryClientHooks.record(start, request.getMethod(),
                            authority == null ? null : authority.getHostName(),
                            authority == null ? -1 : authority.getPort(), request.getScheme(), status, thrown);
                }
            }
        }
    }
}
