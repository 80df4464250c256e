package io.remora.bootstrap.label;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * {@code error_type}: the fully qualified class name of what was thrown, "" when nothing was; a
 * container's wrapper ({@link #WRAPPERS}) stands for its cause. {@code Class.getName()} is cached by
 * the JVM after its first call, so this allocates nothing.
 */
public final class ErrorTypes {

    public static final String NONE = "";

    /** A server's answer from this status on is an error (OpenTelemetry conventions: 5xx). */
    public static final int SERVER_ERRORS_FROM = 500;
    /** A client's response from this status on is an error (OpenTelemetry conventions: 4xx and 5xx). */
    public static final int CLIENT_ERRORS_FROM = 400;

    /**
     * Exceptions a servlet container or framework wraps the application's exception in: a handler
     * that throws IllegalStateException under Spring MVC reaches the servlet's caller as one of
     * these. Matched by name (this module sees java.base only), subclasses included: Spring 5's
     * {@code org.springframework.web.util.NestedServletException} is a javax ServletException.
     */
    private static final String[] WRAPPERS = {"jakarta.servlet.ServletException", "javax.servlet.ServletException"};

    /** Wrappers nested deeper than this are taken as a cycle (a getCause() that loops back). */
    static final int MAX_UNWRAP = 8;

    private ErrorTypes() {
    }

    public static String of(Throwable thrown) {
        return thrown == null ? NONE : unwrapContainer(thrown).getClass().getName();
    }

    /**
     * The application's exception inside a container's wrappers: each wrapper with a cause is
     * replaced by its cause, at most {@link #MAX_UNWRAP} times; what is not a wrapper is kept as
     * it is, its own causes too. That is what Spring's {@code http.server.requests} reports as
     * {@code exception} (the handler's exception, before DispatcherServlet wraps it) and what
     * OpenTelemetry's servlet instrumentation reports as {@code error.type} (a ServletException with
     * a cause stands for its cause); OpenTelemetry's fully qualified name is kept over Spring's simple
     * name, which two classes can share. Unwrapping every cause instead would report the
     * IOException inside an application's own exception, which neither does.
     */
    public static Throwable unwrapContainer(Throwable thrown) {
        Throwable error = thrown;
        for (int depth = 0; depth < MAX_UNWRAP && isWrapper(error.getClass()); depth++) {
            Throwable cause = error.getCause();
            if (cause == null || cause == error) {
                break;
            }
            error = cause;
        }
        return error;
    }

    /** A wrapper class or a subclass of one; walks the superclasses, no allocation. */
    private static boolean isWrapper(Class<?> type) {
        for (Class<?> c = type; c != null && c != Throwable.class; c = c.getSuperclass()) {
            String name = c.getName();
            for (String wrapper : WRAPPERS) {
                if (wrapper.equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * An HTTP exchange's: the exception's class when there is one, else the status code when it is
     * an error status for this side ({@link #SERVER_ERRORS_FROM} or {@link #CLIENT_ERRORS_FROM}).
     *
     * @param code the status's label value, from {@link StatusCodes#of}
     */
    public static String ofHttp(Throwable thrown, int status, String code, int errorsFrom) {
        if (thrown != null) {
            return of(thrown);
        }
        return status >= errorsFrom ? code : NONE;
    }

    /**
     * What a future failed with: a dependent stage wraps the cause in {@link CompletionException},
     * {@code Future.get} in {@link ExecutionException}; the cause is what the caller sees as the error.
     */
    public static Throwable unwrapCompletion(Throwable thrown) {
        Throwable cause = thrown;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
