package io.remora.agent.instrument.okhttp;

import io.remora.agent.instrument.InstrumentationModule;
import io.remora.agent.instrument.TypeInstrumentation;
import java.util.Collections;
import java.util.List;

/**
 * {@code http_client_request_duration_seconds} for OkHttp 4 and 5 ({@link RealCallAdvice}), under the
 * {@code http-client} switch that the JDK's clients and Apache HttpClient have.
 */
public final class OkHttpModule implements InstrumentationModule {

    @Override
    public String name() {
        return "http-client";
    }

    @Override
    public List<TypeInstrumentation> types() {
        return Collections.<TypeInstrumentation>singletonList(new RealCallAdvice());
    }
}
