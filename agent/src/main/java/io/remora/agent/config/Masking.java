package io.remora.agent.config;

import java.util.regex.Pattern;

/**
 * Hides secrets in what the log prints. Loaded only when a problem is reported or headers are set:
 * its patterns are the regex engine's first use, which costs premain about 3 ms.
 */
final class Masking {

    static final String MASK = "***";

    /** Header names that suggest a credential. */
    private static final Pattern SENSITIVE_HEADER =
            Pattern.compile("(?i).*(auth|token|key|secret|cookie|password|credential).*");
    /** The password in {@code scheme://user:password@host}, up to the last @ (an unescaped one may be in it). */
    private static final Pattern URL_PASSWORD = Pattern.compile("(//[^/@:,]*:)[^/,]*@");

    private Masking() {
    }

    /** A setting's value as the log may show it. */
    static String value(String setting, String value) {
        if (setting.equals(Settings.ENDPOINT)) {
            return URL_PASSWORD.matcher(value).replaceAll("$1" + MASK + "@");
        }
        if (setting.equals(Settings.HEADERS)) {
            return headers(value);
        }
        return value;
    }

    /**
     * {@code X-Api-Key=s3cret,X-Scope-OrgID=a} is shown as {@code X-Api-Key=***,X-Scope-OrgID=a}:
     * the values of headers whose name suggests a credential are masked, also where a header is
     * written with ':' instead of '='.
     */
    private static String headers(String text) {
        String[] headers = text.split(",", -1);
        for (int i = 0; i < headers.length; i++) {
            String header = headers[i];
            int separator = header.indexOf('=') >= 0 ? header.indexOf('=') : header.indexOf(':');
            if (separator >= 0 && SENSITIVE_HEADER.matcher(header.substring(0, separator)).matches()) {
                headers[i] = header.substring(0, separator + 1) + MASK;
            }
        }
        return String.join(",", headers);
    }
}
