package io.remora.agent.instrument.servlet;

import io.remora.bootstrap.servlet.AsyncCompletion;
import io.remora.bootstrap.http.HttpServerHooks;
import io.remora.bootstrap.servlet.ServletRoutes;
import io.remora.bootstrap.label.UrlSchemes;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code Servlet.service} and {@code Filter.doFilter}, see {@link ServletModule}: written
 * against {@code jakarta.servlet}, and inlined into {@code javax.servlet} classes as a copy renamed into
 * that namespace ({@link ServletApiAdvice}); all logic in the hooks.
 */
final class ServletAdvice {

    private ServletAdvice() {
    }

    /**
     * Only the request's own dispatch is measured (not an async dispatch, nor the error page after
     * an exception), judged at entry: after a forward, Undertow's request says FORWARD. An async
     * dispatch is marked, so that what it throws reaches the request's {@link AsyncCompletion}.
     */
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@Advice.Argument(0) ServletRequest request, @Advice.Local("asyncDispatch") boolean asyncDispatch) {
        long start = HttpServerHooks.enter();
        if (start == 0L || request.getDispatcherType() == DispatcherType.REQUEST) {
            return start;
        }
        asyncDispatch = request.getDispatcherType() == DispatcherType.ASYNC;
        return 0L;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter long start, @Advice.Local("asyncDispatch") boolean asyncDispatch,
            @Advice.Argument(0) ServletRequest servletRequest, @Advice.Argument(1) ServletResponse servletResponse,
            @Advice.Thrown Throwable thrown) {
        if (!HttpServerHooks.exit(start)) {
            if (asyncDispatch && thrown != null) {
                servletRequest.setAttribute(AsyncCompletion.DISPATCH_ERROR, thrown);
            }
            return;
        }
        if (!(servletRequest instanceof HttpServletRequest) || !(servletResponse instanceof HttpServletResponse)) {
            return;
        }
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        HttpServletMapping mapping = request.getHttpServletMapping();
        String route = ServletRoutes.of(request.getServletContext().getContextPath(),
                mapping == null ? null : mapping.getPattern(), request.getAttribute(ServletRoutes.FRAMEWORK_PATTERN));
        String scheme = UrlSchemes.of(request.getScheme());
        if (thrown == null && request.isAsyncStarted()) {
            request.getAsyncContext().addListener((AsyncListener) AsyncCompletion.listener(AsyncListener.class, start,
                    request.getMethod(), route, scheme, request, response));
            return;
        }
        HttpServerHooks.record(start, request.getMethod(),
                HttpServerHooks.statusSent(response.getStatus(), response.isCommitted(), thrown), route, scheme, thrown);
    }
}
