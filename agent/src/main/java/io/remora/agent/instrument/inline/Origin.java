package io.remora.agent.instrument.inline;

/** {@code @Advice.Origin} patterns: {@code #t} the type's name, {@code #m} the method's, {@code #d} its descriptor. */
final class Origin {

    static final String SUPPORTED = "#t, #m and #d, with text between them";

    private Origin() {
    }

    static boolean isSupported(String pattern) {
        return !pattern.isEmpty() && pattern.replace("#t", "").replace("#m", "").replace("#d", "").indexOf('#') < 0;
    }

    /** @param typeName the binary name ({@code a.b.Outer$Inner}) */
    static String resolve(String pattern, String typeName, String methodName, String descriptor) {
        return pattern.replace("#t", typeName).replace("#m", methodName).replace("#d", descriptor);
    }
}
