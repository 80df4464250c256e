package io.remora.agent.instrument.servlet;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.remora.agent.instrument.InstrumentationModule;
import io.remora.agent.instrument.MethodAdvice;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import java.util.Arrays;
import java.util.List;
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

    private static final String JAKARTA = "jakarta.servlet";
    private static final String JAVAX = "javax.servlet";
    private static final String SERVICE = "service";
    private static final String DO_FILTER = "doFilter";

    @Override
    public String name() {
        return "http-server";
    }

    @Override
    public List<TypeInstrumentation> types() {
        return Arrays.<TypeInstrumentation>asList(new ServletApi(JAKARTA), new ServletApi(JAVAX));
    }

    /** The servlets and filters of one of the two namespaces. */
    private static final class ServletApi implements TypeInstrumentation {
        /** {@link #JAKARTA} or {@link #JAVAX} */
        private final String api;

        ServletApi(String api) {
            this.api = api;
        }

        @Override
        public ClassMatch classes() {
            return ClassMatch.implementing(api + ".Servlet", api + ".Filter")
                    .whenLoaderSees(api + ".http.HttpServletMapping")
                    .declaring(SERVICE, DO_FILTER);
        }

        @Override
        public MethodAdvice advice() {
            ElementMatcher.Junction<MethodDescription> requestAndResponse = isMethod().and(not(isAbstract()))
                    .and(takesArgument(0, named(api + ".ServletRequest")))
                    .and(takesArgument(1, named(api + ".ServletResponse")));
            // the advice class is named here, not in the constructor, which runs in premain
            String advice = api.equals(JAKARTA) ? JakartaServletAdvice.class.getName() : JavaxServletAdvice.class.getName();
            return MethodAdvice.on(named(SERVICE).and(takesArguments(2)).and(requestAndResponse), advice)
                    .and(named(DO_FILTER).and(takesArguments(3)).and(requestAndResponse)
                            .and(takesArgument(2, named(api + ".FilterChain"))), advice);
        }
    }
}
