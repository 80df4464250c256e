package io.remora.bootstrap.http;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * {@code HttpResponse.statusCode()} for code in the bootstrap loader, which cannot link against
 * {@code java.net.http} (a module of the platform loader): one method handle, looked up when the
 * first response completes (java.net.http is loaded by then), invoked without allocating.
 */
final class ResponseStatus {

    private static final MethodHandle STATUS_CODE = statusCode();

    private ResponseStatus() {
    }

    /** @return the status, or 0 when there is none to read */
    static int of(Object response) {
        if (STATUS_CODE == null || response == null) {
            return 0;
        }
        try {
            return (int) STATUS_CODE.invokeExact(response);
        } catch (Throwable t) {
            return 0;
        }
    }

    private static MethodHandle statusCode() {
        try {
            Class<?> type = Class.forName("java.net.http.HttpResponse", false, ClassLoader.getPlatformClassLoader());
            return MethodHandles.publicLookup()
                    .findVirtual(type, "statusCode", MethodType.methodType(int.class))
                    .asType(MethodType.methodType(int.class, Object.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
