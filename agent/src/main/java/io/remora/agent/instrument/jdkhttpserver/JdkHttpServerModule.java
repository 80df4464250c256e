package io.remora.agent.instrument.jdkhttpserver;

import io.remora.agent.instrument.InstrumentationModule;
import io.remora.agent.instrument.TypeInstrumentation;
import java.util.Arrays;
import java.util.List;

/**
 * {@code http_server_request_duration_seconds} for the JDK's own server
 * ({@code com.sun.net.httpserver}): the requests its filter chains run ({@link FilterChainAdvice})
 * and the ones it answers itself ({@link ExchangeRejectAdvice}).
 */
public final class JdkHttpServerModule implements InstrumentationModule {

    @Override
    public String name() {
        return "http-server";
    }

    @Override
    public List<TypeInstrumentation> types() {
        return Arrays.<TypeInstrumentation>asList(new FilterChainAdvice(), new ExchangeRejectAdvice());
    }
}
