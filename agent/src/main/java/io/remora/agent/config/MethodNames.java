package io.remora.agent.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** {@code remora.methods}: {@code com.acme.Svc#handle,com.acme.Repo#*}, each bad one dropped alone. */
final class MethodNames {

    /**
     * Compiled when remora.methods is set: the regex engine's first use costs premain about 3 ms,
     * which every application would pay.
     */
    private static final class Syntax {
        static final Pattern METHOD =
                Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*#([A-Za-z_$][\\w$]*|\\*)");
    }

    private MethodNames() {
    }

    static List<String> read(ConfigSource.Entry entry, Report report) {
        List<String> methods = new ArrayList<>();
        if (entry != null) {
            for (String piece : entry.value().split(",")) {
                String method = piece.trim();
                if (method.isEmpty()) {
                    continue;
                }
                if (!Syntax.METHOD.matcher(method).matches()) {
                    report.problem(entry, "'" + method + "' is not Class#method or Class#*; that method is dropped");
                } else if (isJdkClass(method)) {
                    report.problem(entry, "'" + method + "' is in a JDK class, which the agent does not instrument;"
                            + " that method is dropped");
                } else {
                    methods.add(method);
                }
            }
        }
        report.record(Settings.METHODS, methods.isEmpty() ? "none" : String.join(",", methods), entry);
        return methods;
    }

    /** The JDK's own packages: instrumentation leaves them alone except for what a module allows. */
    private static boolean isJdkClass(String method) {
        return method.startsWith("java.") || method.startsWith("jdk.") || method.startsWith("sun.")
                || method.startsWith("com.sun.");
    }
}
