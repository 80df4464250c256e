package io.remora.bootstrap.label;

/**
 * {@code http_request_method} as the OpenTelemetry conventions have it: the nine methods of RFC 9110
 * and PATCH keep their name, anything else is {@code _OTHER}, so a client cannot grow the label's
 * cardinality. Returns the same String instances every time (the meter tables compare by identity).
 */
public final class HttpMethods {

    public static final String OTHER = "_OTHER";

    private static final String[] KNOWN = {
        "GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "CONNECT", "TRACE", "QUERY"
    };

    private HttpMethods() {
    }

    /** The canonical method, or {@link #OTHER}; case-sensitive, as methods are. */
    public static String of(String method) {
        if (method != null) {
            for (String known : KNOWN) {
                if (known.equals(method)) {
                    return known;
                }
            }
        }
        return OTHER;
    }

    /**
     * The method of a raw request line ({@code GET /path HTTP/1.1}) as {@link #of} would name it,
     * without cutting the line into a new String.
     */
    public static String ofRequestLine(String requestLine) {
        if (requestLine != null) {
            for (String known : KNOWN) {
                if (requestLine.startsWith(known) && requestLine.length() > known.length()
                        && requestLine.charAt(known.length()) == ' ') {
                    return known;
                }
            }
        }
        return OTHER;
    }
}
