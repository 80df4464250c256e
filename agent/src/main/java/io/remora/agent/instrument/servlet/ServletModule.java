package io.remora.agent.instrument.servlet;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.remora.agent.instrument.InstrumentationModule;
import io.remora.agent.instrument.LoaderMatchers;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

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
    public AgentBuilder extend(AgentBuilder builder) {
        return instrument(instrument(builder, "jakarta.servlet", JakartaServletAdvice.class.getName()),
                "javax.servlet", JavaxServletAdvice.class.getName());
    }

    /** @param api the API's package: {@code javax.servlet} or {@code jakarta.servlet} */
    private static AgentBuilder instrument(AgentBuilder builder, String api, String advice) {
        ElementMatcher.Junction<MethodDescription> requestAndResponse = isMethod().and(not(isAbstract()))
                .and(takesArgument(0, named(api + ".ServletRequest")))
                .and(takesArgument(1, named(api + ".ServletResponse")));
        return builder
                .type(not(isInterface()).and(hasSuperType(named(api + ".Servlet").or(named(api + ".Filter")))),
                        LoaderMatchers.canSee(api + ".http.HttpServletMapping"))
                .transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(ServletModule.class.getClassLoader())
                        .advice(named("service").and(takesArguments(2)).and(requestAndResponse), advice)
                        .advice(named("doFilter").and(takesArguments(3)).and(requestAndResponse)
                                .and(takesArgument(2, named(api + ".FilterChain"))), advice));
    }
}
