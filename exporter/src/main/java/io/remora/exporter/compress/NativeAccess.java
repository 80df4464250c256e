package io.remora.exporter.compress;

import java.lang.reflect.Method;

/**
 * Whether loading a native library would make the JVM print a warning on the application's
 * stderr. From JDK 24 on (JEP 472), {@code System.load} by code whose module has not been granted
 * native access prints "WARNING: A restricted method in java.lang.System has been called": an
 * agent must not do that to the application it rides on.
 */
final class NativeAccess {

    /** The first release that warns about restricted methods by default. */
    private static final int FIRST_WARNING_RELEASE = 24;

    private NativeAccess() {
    }

    /** True if {@code module} may load native code without the JVM printing a warning. */
    static boolean isQuiet(Module module) {
        return isQuiet(Runtime.version().feature(), module);
    }

    static boolean isQuiet(int javaRelease, Module module) {
        if (javaRelease < FIRST_WARNING_RELEASE) {
            return true;
        }
        try {
            // Module.isNativeAccessEnabled exists from Java 22 on; we compile for 11
            Method enabled = Module.class.getMethod("isNativeAccessEnabled");
            return (Boolean) enabled.invoke(module);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
