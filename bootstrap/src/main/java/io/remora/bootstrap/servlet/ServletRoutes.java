package io.remora.bootstrap.servlet;

/**
 * {@code http_route} of a servlet request: the context path followed by the servlet mapping's
 * pattern ({@code /shop} + {@code /api/items/*}), or, when a framework has put its matched pattern
 * in the request ({@link #FRAMEWORK_PATTERN}, Spring MVC), the context path, the servlet's path
 * prefix and that pattern ({@code /shop} + {@code /mvc} + {@code /items/{id}}). Never the request's
 * path. A request without a known mapping gets "".
 *
 * <p>Joined routes come from a small table of the last joins (a route is a template, so there are
 * few), so a request in a non-root context or behind a prefix-mapped framework servlet allocates
 * nothing once its route was seen. Entries are immutable and replaced whole: no lock.
 */
public final class ServletRoutes {

    /** The request attribute where Spring MVC's DispatcherServlet puts the pattern of the handler it chose. */
    public static final String FRAMEWORK_PATTERN = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

    private static final String NONE = "";
    private static final String DEFAULT_SERVLET = "/";
    private static final String PREFIX_SUFFIX = "/*";
    private static final int SLOTS = 512;

    private static final Joined[] JOINS = new Joined[SLOTS];

    private ServletRoutes() {
    }

    /**
     * @param contextPath the servlet context's path, "" for the root context
     * @param mappingPattern the pattern of the servlet mapping the request matched, "" for the
     *     context root, null when unknown
     * @param frameworkPattern the request's {@link #FRAMEWORK_PATTERN} attribute, usually null;
     *     its {@code toString()} is the pattern
     */
    public static String of(String contextPath, String mappingPattern, Object frameworkPattern) {
        if (mappingPattern == null) {
            return NONE;
        }
        String context = contextPath == null ? NONE : contextPath;
        // a String from Spring MVC; a PathPattern (whose toString is its pattern) where a handler mapping puts one
        String framework = frameworkPattern == null ? null : frameworkPattern.toString();
        if (context.isEmpty()) {
            if (framework == null && !mappingPattern.isEmpty()) {
                return mappingPattern;
            }
            if (framework != null && !isPrefixMapping(mappingPattern)) {
                return framework;
            }
        }
        int slot = ((context.hashCode() * 31 + mappingPattern.hashCode()) * 31
                + (framework == null ? 0 : framework.hashCode())) & (SLOTS - 1);
        Joined joined = JOINS[slot];
        if (joined == null || !joined.matches(context, mappingPattern, framework)) {
            joined = new Joined(context, mappingPattern, framework);
            JOINS[slot] = joined;
        }
        return joined.route;
    }

    /** {@code /x/*}: the servlet path is {@code /x}, and a framework's pattern is relative to it. */
    private static boolean isPrefixMapping(String pattern) {
        return pattern.length() > PREFIX_SUFFIX.length() && pattern.endsWith(PREFIX_SUFFIX);
    }

    private static String join(String context, String mappingPattern, String framework) {
        if (framework == null) {
            // the context root mapping ("") is the context's own path
            return mappingPattern.isEmpty() ? context + DEFAULT_SERVLET : context + mappingPattern;
        }
        String servletPath = isPrefixMapping(mappingPattern)
                ? mappingPattern.substring(0, mappingPattern.length() - PREFIX_SUFFIX.length())
                : NONE;
        return context + servletPath + framework;
    }

    private static final class Joined {
        final String context;
        final String mappingPattern;
        final String framework;
        final String route;

        Joined(String context, String mappingPattern, String framework) {
            this.context = context;
            this.mappingPattern = mappingPattern;
            this.framework = framework;
            this.route = join(context, mappingPattern, framework);
        }

        boolean matches(String otherContext, String otherMapping, String otherFramework) {
            return same(context, otherContext) && same(mappingPattern, otherMapping)
                    && (framework == null ? otherFramework == null : same(framework, otherFramework));
        }

        private static boolean same(String mine, String given) {
            return mine == given || mine.equals(given);
        }
    }
}
