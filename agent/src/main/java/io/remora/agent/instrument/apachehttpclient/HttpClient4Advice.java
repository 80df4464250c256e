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
import java.net.URI;
import net.bytebuddy.asm.Advice;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.HttpResponse;
import org.apache.http.client.methods.HttpUriRequest;

/**
 * Apache HttpClient 4.5: {@code doExecute(HttpHost, HttpRequest, HttpContext)} of every class that
 * extends {@code org.apache.http.impl.client.CloseableHttpClient} and declares it
 * ({@code InternalHttpClient} from {@code HttpClients}/{@code HttpClientBuilder},
 * {@code MinimalHttpClient}, the deprecated {@code AbstractHttpClient} family behind
 * {@code DefaultHttpClient}, an application's decorator). The server is the target host, which
 * {@code execute(HttpUriRequest)} takes from the request's URI; when a caller passes none, the URI's.
 */
final class HttpClient4Advice implements TypeInstrumentation {

    static final String CLIENT = "org.apache.http.impl.client.CloseableHttpClient";

    @Override
    public ClassMatch classes() {
        return ClassMatch.implementing(CLIENT).declaring("doExecute");
    }

    @Override
    public MethodAdvice advice() {
        return MethodAdvice.on(named("doExecute").and(takesArguments(3)).and(not(isAbstract())).and(not(isStatic()))
                .and(takesArgument(0, "org.apache.http.HttpHost"))
                .and(takesArgument(1, "org.apache.http.HttpRequest")),
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
                @Advice.Argument(1) HttpRequest request, @Advice.Return HttpResponse response,
                @Advice.Thrown Throwable thrown) {
            if (LibraryClientHooks.exit(start)) {
                int status = thrown == null && response != null ? response.getStatusLine().getStatusCode() : 0;
                String method = request.getRequestLine().getMethod();
                if (target != null) {
                    LibraryClientHooks.record(start, method, target.getHostName(), target.getPort(),
                            target.getSchemeName(), status, thrown);
                } else if (request instanceof HttpUriRequest) {
                    URI uri = ((HttpUriRequest) request).getURI();
                    LibraryClientHooks.record(start, method, uri.getHost(), uri.getPort(), uri.getScheme(), status,
                            thrown);
                } else {
                    LibraryClientHooks.record(start, method, null, -1, null, status, thrown);
                }
            }
        }
    }
}
