package io.remora.agent.instrument.servlet;

import static io.remora.agent.instrument.inline.MethodMatcher.isAbstract;
import static io.remora.agent.instrument.inline.MethodMatcher.isMethod;
import static io.remora.agent.instrument.inline.MethodMatcher.named;
import static io.remora.agent.instrument.inline.MethodMatcher.not;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArgument;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArguments;

import io.remora.agent.instrument.MethodAdvice;
import io.remora.agent.instrument.RenamedAdvice;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.inline.MethodMatcher;
import io.remora.agent.instrument.select.ClassMatch;

/**
 * The servlets and filters of one of the two namespaces: {@code Servlet.service} and
 * {@code Filter.doFilter} of every implementation that declares them, in a loader that sees the
 * Servlet 4 API; the advice inlined is {@link ServletAdvice}, written against {@code jakarta.servlet},
 * or for {@code javax.servlet} its copy renamed into that namespace.
 */
final class ServletApiAdvice implements TypeInstrumentation {

    static final String JAKARTA = "jakarta.servlet";
    static final String JAVAX = "javax.servlet";
    private static final String SERVICE = "service";
    private static final String DO_FILTER = "doFilter";

    /** {@link #JAKARTA} or {@link #JAVAX} */
    private final String api;

    ServletApiAdvice(String api) {
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
        MethodMatcher requestAndResponse = isMethod().and(not(isAbstract()))
                .and(takesArgument(0, api + ".ServletRequest"))
                .and(takesArgument(1, api + ".ServletResponse"));
        MethodMatcher service = named(SERVICE).and(takesArguments(2)).and(requestAndResponse);
        MethodMatcher doFilter = named(DO_FILTER).and(takesArguments(3))
                .and(requestAndResponse).and(takesArgument(2, api + ".FilterChain"));
        String advice = ServletAdvice.class.getName();
        if (api.equals(JAKARTA)) {
            return MethodAdvice.on(service, advice).and(doFilter, advice);
        }
        RenamedAdvice javax = new RenamedAdvice(advice, advice + "ForJavax", JAKARTA, JAVAX);
        return MethodAdvice.on(service, javax).and(doFilter, javax);
    }
}
