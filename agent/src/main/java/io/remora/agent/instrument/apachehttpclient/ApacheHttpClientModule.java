package io.remora.agent.instrument.apachehttpclient;

import io.remora.agent.instrument.InstrumentationModule;
import io.remora.agent.instrument.TypeInstrumentation;
import java.util.Arrays;
import java.util.List;

/**
 * {@code http_client_request_duration_seconds} for Apache HttpClient 4.5 ({@link HttpClient4Advice}),
 * 5.x classic ({@link HttpClient5ClassicAdvice}) and 5.x async ({@link HttpClient5AsyncAdvice}, each
 * request until it completes), under the {@code http-client} switch that the JDK's clients have: a
 * user switches "HTTP clients" on or off, not each library.
 *
 * <p>The classic clients of both versions funnel every {@code execute} overload of {@code CloseableHttpClient} into one
 * {@code protected doExecute(HttpHost, request, HttpContext)}: advice there counts each request once,
 * from the call until its response's status is known (the response handler of
 * {@code execute(request, handler)} runs after it and is not timed) or the call throws. Redirects
 * and retries happen inside that call: one request, with the final status.
 */
public final class ApacheHttpClientModule implements InstrumentationModule {

    @Override
    public String name() {
        return "http-client";
    }

    @Override
    public List<TypeInstrumentation> types() {
        return Arrays.<TypeInstrumentation>asList(new HttpClient5ClassicAdvice(), new HttpClient5AsyncAdvice(),
                new HttpClient4Advice());
    }
}
