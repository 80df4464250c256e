package io.remora.agent.config;

/** Derives the default {@code job} from the {@code sun.java.command} system property. */
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
        String first = command.trim().split("\\s+", 2)[0];
        if (first.endsWith(".jar")) {
            String file = first.substring(Math.max(first.lastIndexOf('/'), first.lastIndexOf('\\')) + 1);
            return file.substring(0, file.length() - ".jar".length());
        }
        return first.substring(first.indexOf('/') + 1);
    }

    /** The job as a single safe directory name. */
    static String fileName(String job) {
        String name = job.replaceAll("[^A-Za-z0-9._-]", "_");
        return name.isEmpty() || name.startsWith(".") ? "_" + name : name;
    }
}
