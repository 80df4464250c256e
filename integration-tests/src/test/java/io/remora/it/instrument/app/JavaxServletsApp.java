package io.remora.it.instrument.app;

import javax.servlet.AsyncContext;
import javax.servlet.DispatcherType;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterRegistration;
import javax.servlet.ServletContainerInitializer;
import javax.servlet.ServletContext;
import javax.servlet.ServletException;
import javax.servlet.ServletRegistration;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The javax application that Undertow runs, the same as {@link JakartaServletsApp}, registered through the standard API: a
 * filter on every path and dispatch, and the servlets {@link ServletTraffic} sends to.
 */
public final class JavaxServletsApp implements ServletContainerInitializer {

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        FilterRegistration.Dynamic filter = context.addFilter("pass-through", new PassThrough());
        filter.setAsyncSupported(true);
        filter.addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*");
        context.addServlet("items", new Items()).addMapping("/api/items/*");
        context.addServlet("forward", new Forward()).addMapping("/old/*");
        context.addServlet("fail", new Fail()).addMapping("/fail");
        context.addServlet("framework", new Framework()).addMapping("/mvc/*");
        ServletRegistration.Dynamic async = context.addServlet("async", new Async());
        async.setAsyncSupported(true);
        async.addMapping("/async/*");
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

    static final class Async extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            AsyncContext async = request.startAsync();
            CompletableFuture.delayedExecutor(ServletTraffic.ASYNC_DELAY_MS, TimeUnit.MILLISECONDS).execute(() -> {
                ((HttpServletResponse) async.getResponse()).setStatus(ServletTraffic.ASYNC_STATUS);
                async.complete();
            });
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
