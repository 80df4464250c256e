package io.remora.agent.instrument;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** Calls into the application's libraries, which the agent cannot link against. */
public final class Reflection {

    private Reflection() {
    }

    /** Calls the method, unwrapping what it threw: the application's exception, for the bridge to report. */
    public static Object call(Method method, Object target, Object... arguments) {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException(cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(method + " is not accessible: " + e, e);
        }
    }
}
