package io.remora.agent.config;

/**
 * Derives the default {@code job} from the {@code sun.java.command} system property. In premain, so
 * without {@code java.util.regex}, whose first pattern costs 2 to 3 ms.
 */
final class JavaCommand {

    private JavaCommand() {
    }

    /**
     * {@code com.acme.Main arg} gives {@code com.acme.Main}, {@code /opt/app/shop.jar arg} gives
     * {@code shop}, {@code app/com.acme.Main} (a module's main class) gives {@code com.acme.Main}.
     */
    static String jobName(String command) {
        if (command == null || command.isBlank()) {
            return "java";
        }
        String trimmed = command.trim();
        int end = 0;
        while (end < trimmed.length() && !Character.isWhitespace(trimmed.charAt(end))) {
            end++;
        }
        String first = trimmed.substring(0, end);
        if (first.endsWith(".jar")) {
            String file = first.substring(Math.max(first.lastIndexOf('/'), first.lastIndexOf('\\')) + 1);
            return file.substring(0, file.length() - ".jar".length());
        }
        return first.substring(first.indexOf('/') + 1);
    }

    /** The job as a single safe directory name. */
    static String fileName(String job) {
        StringBuilder safe = new StringBuilder(job.length());
        for (int i = 0; i < job.length(); i++) {
            char c = job.charAt(i);
            boolean kept = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '_' || c == '-';
            safe.append(kept ? c : '_');
        }
        String name = safe.toString();
        return name.isEmpty() || name.startsWith(".") ? "_" + name : name;
    }
}
