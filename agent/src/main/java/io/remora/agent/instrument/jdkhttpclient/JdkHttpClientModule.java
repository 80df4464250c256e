package io.remora.agent.instrument.jdkhttpclient;

import io.remora.agent.instrument.InstrumentationModule;
import io.remora.agent.instrument.TypeInstrumentation;
import java.util.Arrays;
import java.util.List;

/**
 * {@code http_client_request_duration_seconds} for the JDK's two HTTP clients:
 * {@code java.net.http.HttpClient} ({@link JavaNetHttpClientAdvice}) and
 * {@code java.net.HttpURLConnection} ({@link UrlConnectionAdvice}).
 */
public final class JdkHttpClientModule implements InstrumentationModule {

    @Override
    public String name() {
        return "http-client";
    }

    @Override
    public List<TypeInstrumentation> types() {
        return Arrays.<TypeInstrumentation>asList(new JavaNetHttpClientAdvice(), new UrlConnectionAdvice());
    }
}
