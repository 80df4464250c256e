package io.remora.it.instrument.app;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;

/**
 * The jakarta application that Tomcat and Jetty run, registered through the standard API: a
 * filter on every path and dispatch, and the servlets {@link ServletTraffic} sends to.
 */
public final class JakartaServletsApp implements ServletContainerInitializer {

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        FilterRegistration.Dynamic filter = context.addFilter("pass-through", new PassThrough());
        filter.setAsyncSupported(true);
        filter.addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*");
        context.addServlet("items", new Items()).addMapping("/api/items/*");
        context.addServlet("forward", new Forward()).addMapping("/old/*");
        context.addServlet("fail", new Fail()).addMapping("/fail");
        context.addServlet("fail-wrapped", new FailWrapped()).addMapping("/fail-wrapped");
        context.addServlet("framework", new Framework()).addMapping("/mvc/*");
        ServletRegistration.Dynamic async = context.addServlet("async", new Async());
        async.setAsyncSupported(true);
        async.addMapping("/async/*");
        ServletRegistration.Dynamic redispatch = context.addServlet("redispatch", new Redispatch());
        redispatch.setAsyncSupported(true);
        redispatch.addMapping("/redispatch/*");
        ServletRegistration.Dynamic slow = context.addServlet("slow", new TimesOut());
        slow.setAsyncSupported(true);
        slow.addMapping("/slow/*");
        ServletRegistration.Dynamic asyncFail = context.addServlet("async-fail", new FailsInAsyncDispatch());
        asyncFail.setAsyncSupported(true);
        asyncFail.addMapping("/async-fail/*");
    }

    /** A user filter: forwards and the servlets run nested in it, and each request is still one. */
    static final class PassThrough implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            chain.doFilter(request, response);
        }
    }

    static final class Items extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.getWriter().write("item");
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.sendError(404);
        }
    }

    static final class Forward extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
                throws IOException, ServletException {
            request.getRequestDispatcher(ServletTraffic.FORWARD_TARGET).forward(request, response);
        }
    }

    static final class Fail extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            throw new IllegalStateException("servlet failed on purpose");
        }
    }

    /** Throws as Spring MVC's DispatcherServlet does: the handler's exception inside a ServletException. */
    static final class FailWrapped extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException {
            throw new ServletException("Request processing failed",
                    new IllegalStateException("handler failed on purpose"));
        }
    }

    static final class Async extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            AsyncContext async = request.startAsync();
            ServletTraffic.later(() -> {
                ((HttpServletResponse) async.getResponse()).setStatus(ServletTraffic.ASYNC_STATUS);
                async.complete();
            });
        }
    }

    /** Two async cycles: the listeners of the first are dropped when the second starts. */
    static final class Redispatch extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            AsyncContext async = request.startAsync();
            if (request.getDispatcherType() == DispatcherType.ASYNC) {
                ServletTraffic.later(async::complete);
            } else {
                ServletTraffic.later(async::dispatch);
            }
        }
    }

    /** Its async dispatch throws: the container tells the listeners (onError) and answers 500. */
    static final class FailsInAsyncDispatch extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            if (request.getDispatcherType() == DispatcherType.ASYNC) {
                throw new IllegalArgumentException("async dispatch failed on purpose");
            }
            AsyncContext async = request.startAsync();
            ServletTraffic.later(async::dispatch);
        }
    }

    /** Never completes: the container times the request out and answers 500. */
    static final class TimesOut extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            request.startAsync().setTimeout(ServletTraffic.ASYNC_TIMEOUT_MS);
        }
    }

    /** Sets the matched pattern as Spring MVC's DispatcherServlet does. */
    static final class Framework extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            request.setAttribute(ServletTraffic.FRAMEWORK_ATTRIBUTE, ServletTraffic.FRAMEWORK_PATTERN);
            response.getWriter().write("item");
        }
    }
}
