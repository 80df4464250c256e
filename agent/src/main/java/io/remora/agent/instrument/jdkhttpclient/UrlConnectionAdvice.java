package io.remora.agent.instrument.jdkhttpclient;

import static io.remora.agent.instrument.inline.MethodMatcher.isPublic;
import static io.remora.agent.instrument.inline.MethodMatcher.named;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArguments;

import io.remora.agent.instrument.MethodAdvice;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import io.remora.bootstrap.jdkhttpclient.UrlConnectionHooks;
import java.net.HttpURLConnection;
import net.bytebuddy.asm.Advice;

/**
 * {@code java.net.HttpURLConnection} as the JDK implements it, in
 * {@code sun.net.www.protocol.http.HttpURLConnection} (whose subclass is the delegate behind
 * {@code HttpsURLConnection}): {@code connect} and {@code getOutputStream} open a request,
 * {@code getInputStream} (called by {@code getResponseCode} and the header getters) ends it; the
 * connection's fields after each call tell which happened. The private fields read here ({@code inputStream}, {@code rememberedException}) are the same from
 * JDK 11 to 25; they say whether the connection already has its response or failure.
 */
final class UrlConnectionAdvice implements TypeInstrumentation {

    static final String CONNECTION_IMPL = "sun.net.www.protocol.http.HttpURLConnection";

    @Override
    public ClassMatch classes() {
        return ClassMatch.named(CONNECTION_IMPL);
    }

    @Override
    public MethodAdvice advice() {
        return MethodAdvice.on(named("connect").or(named("getOutputStream")).or(named("getInputStream"))
                .and(takesArguments(0)).and(isPublic()), Calls.class.getName());
    }

    /** Inlined into {@code connect()}, {@code getOutputStream()} and {@code getInputStream()}. */
    static final class Calls {

        private Calls() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Advice.FieldValue("inputStream") Object input,
                @Advice.FieldValue("rememberedException") Object failure) {
            return UrlConnectionHooks.enter(input != null || failure != null);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long start, @Advice.This HttpURLConnection connection,
                @Advice.FieldValue("inputStream") Object input, @Advice.FieldValue("responseCode") int responseCode,
                @Advice.Thrown Throwable thrown) {
            if (UrlConnectionHooks.exit(start)) {
                UrlConnectionHooks.after(connection, start, input != null, responseCode, thrown);
            }
        }
    }
}
