package io.remora.agent.instrument.servlet;

import io.remora.agent.instrument.InstrumentationModule;
import io.remora.agent.instrument.TypeInstrumentation;
import java.util.Arrays;
import java.util.List;

/**
 * Servlet containers (Tomcat, Jetty, Undertow, ...), {@code javax.servlet} and {@code jakarta.servlet}
 * alike, under the {@code http-server} switch.
 *
 * <p>What is timed: every {@code Servlet.service(ServletRequest, ServletResponse)} and
 * {@code Filter.doFilter(ServletRequest, ServletResponse, FilterChain)} implementation, and of those
 * only the outermost call on the thread ({@code HttpServerHooks}' nesting): the first filter of the
 * chain, or the servlet when no filter is mapped. These two API methods are how every container
 * enters the application, whereas the container's own entry points (its filter chain class, its
 * request handler) differ per container and version, and a container without filters for a request
 * (Jetty, Undertow) never calls a FilterChain at all. Forwards and includes run inside that call
 * and nest; a dispatch that is not the request's own (async dispatch, the error page after an
 * exception) is not counted again. Requests the container answers without reaching any filter or
 * servlet (Tomcat's 404 for a path no servlet maps, with no default servlet) are not seen.
 *
 * <p>Only Servlet 4.0+ APIs are instrumented (the loader must see {@code HttpServletMapping}, the
 * route's source): a Servlet 3.x container is left alone rather than measured without routes.
 */
public final class ServletModule implements InstrumentationModule {

    @Override
    public String name() {
        return "http-server";
    }

    @Override
    public List<TypeInstrumentation> types() {
        return Arrays.<TypeInstrumentation>asList(new ServletApiAdvice(ServletApiAdvice.JAKARTA),
                new ServletApiAdvice(ServletApiAdvice.JAVAX));
    }
}
