package io.remora.bootstrap.label;

/**
 * {@code error_type}: the fully qualified class name of what was thrown, "" when nothing was.
 * {@code Class.getName()} is cached by the JVM after its first call, so this allocates nothing.
 */
public final class ErrorTypes {

    public static final String NONE = "";

    private ErrorTypes() {
    }

    public static String of(Throwable thrown) {
        return thrown == null ? NONE : thrown.getClass().getName();
    }
}
