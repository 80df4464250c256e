package io.remora.bootstrap.label;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * {@code error_type}: the fully qualified class name of what was thrown, "" when nothing was.
 * {@code Class.getName()} is cached by the JVM after its first call, so this allocates nothing.
 */
public final class ErrorTypes {

    public static final String NONE = "";

    /** A server's answer from this status on is an error (OpenTelemetry conventions: 5xx). */
    public static final int SERVER_ERRORS_FROM = 500;
    /** A client's response from this status on is an error (OpenTelemetry conventions: 4xx and 5xx). */
    public static final int CLIENT_ERRORS_FROM = 400;

    private ErrorTypes() {
    }

    public static String of(Throwable thrown) {
        return thrown == null ? NONE : thrown.getClass().getName();
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
