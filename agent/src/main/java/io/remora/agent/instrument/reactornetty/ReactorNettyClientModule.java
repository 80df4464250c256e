package io.remora.agent.instrument.reactornetty;

import io.remora.agent.instrument.InstrumentationModule;
import io.remora.agent.instrument.TypeInstrumentation;
import java.util.Arrays;
import java.util.List;

/**
 * {@code http_client_request_duration_seconds} for Reactor Netty's {@code HttpClient}, and so for
 * Spring's {@code WebClient} on it, under the {@code http-client} switch the other clients have:
 * each subscription to a request is one request ({@link ClientHandlerAdvice}), measured until its
 * response has been received in full ({@link HttpObserverAdvice}) or it fails for good; redirects and
 * retries Reactor Netty follows itself are inside it, and the final response's status and URL are
 * its labels.
 */
public final class ReactorNettyClientModule implements InstrumentationModule {

    @Override
    public String name() {
        return "http-client";
    }

    @Override
    public List<TypeInstrumentation> types() {
        return Arrays.<TypeInstrumentation>asList(new ClientHandlerAdvice(), new HttpObserverAdvice());
    }
}
