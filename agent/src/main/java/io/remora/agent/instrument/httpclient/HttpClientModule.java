package io.remora.agent.instrument.httpclient;

import io.remora.agent.instrument.InstrumentationModule;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * {@code http_client_request_duration_seconds} for the JDK's two HTTP clients:
 * {@code java.net.http.HttpClient} ({@link JavaNetHttpClientAdvice}) and
 * {@code java.net.HttpURLConnection} ({@link UrlConnectionAdvice}).
 */
public final class HttpClientModule implements InstrumentationModule {

    @Override
    public String name() {
        return "http-client";
    }

    @Override
    public List<String> jdkTypes() {
        return Arrays.asList(JavaNetHttpClientAdvice.CLIENT_IMPL, UrlConnectionAdvice.CONNECTION_IMPL);
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder) {
        return UrlConnectionAdvice.extend(JavaNetHttpClientAdvice.extend(builder));
    }
}
