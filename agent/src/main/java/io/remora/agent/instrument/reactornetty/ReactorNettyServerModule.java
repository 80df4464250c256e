package io.remora.agent.instrument.reactornetty;

import io.remora.agent.instrument.InstrumentationModule;
import io.remora.agent.instrument.TypeInstrumentation;
import java.util.Arrays;
import java.util.List;

/**
 * {@code http_server_request_duration_seconds} for Reactor Netty's HTTP server, and so for Spring
 * WebFlux on it, under the {@code http-server} switch that the JDK's server and the servlet
 * containers have.
 *
 * <p>Each request is one {@code HttpServerOperations}, made when the request arrives and terminated
 * once its response's last write has completed, or the connection failed
 * ({@link ServerOperationsAdvice}, {@link ChannelOperationsAdvice}): measured from one to the other,
 * on the event loop, without blocking and without changing what the application sees. The route is
 * WebFlux's matched pattern when the request went through WebFlux ({@link WebHandlerAdapterAdvice}),
 * else the template of the Reactor Netty route that took it ({@link RouteHandlerAdvice}), else none
 * (a bare handler, the 404 of a path no route matches). WebFlux's requests go through Reactor Netty's
 * operations as any other: counted once, there.
 */
public final class ReactorNettyServerModule implements InstrumentationModule {

    @Override
    public String name() {
        return "http-server";
    }

    @Override
    public List<TypeInstrumentation> types() {
        return Arrays.<TypeInstrumentation>asList(new ServerOperationsAdvice(), new ChannelOperationsAdvice(),
                new RouteHandlerAdvice(), new WebHandlerAdapterAdvice());
    }
}
