package io.remora.it.instrument.app;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Set;

/**
 * A filter that opens an HTTP session at each GET of an item (not at its forwards): the client
 * keeps no cookie, so each is a new one, {@link ServletTraffic#SESSIONS} in all.
 */
public final class SessionPerItem implements ServletContainerInitializer, Filter {

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        context.addFilter("session-per-item", this).addMappingForUrlPatterns(null, false, "/api/items/*");
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if ("GET".equals(((HttpServletRequest) request).getMethod())) {
            ((HttpServletRequest) request).getSession(true);
        }
        chain.doFilter(request, response);
    }
}
