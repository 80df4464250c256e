package io.remora.agent.config;

/**
 * Every problem is one log line, whatever the value holds: a header value with a line break, say,
 * would otherwise start a second line that looks like the application's own output.
 */
final class OneLine {

    private OneLine() {
    }

    /** Line breaks as {@code \r} and {@code \n}, other control characters as {@code \\uXXXX}. */
    static String of(String text) {
        StringBuilder line = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                line.append("\\r");
            } else if (c == '\n') {
                line.append("\\n");
            } else if (Character.isISOControl(c) && c != '\t') {
                line.append(String.format("\\u%04x", (int) c));
            } else {
                line.append(c);
            }
        }
        return line.toString();
    }
}
