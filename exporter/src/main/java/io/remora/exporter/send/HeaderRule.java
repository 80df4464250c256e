package io.remora.exporter.send;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;

/**
 * Which extra headers a remote-write request may carry. The one rule: {@link EndpointConfig.Builder}
 * enforces it, and the agent's configuration loader reports what the builder refuses, so a header
 * the loader lets through can never stop the exporter.
 */
public final class HeaderRule {

    /** What RemoteWriteClient sets on every request itself. */
    private static final Set<String> SET_BY_PROTOCOL = Set.of(
            "content-encoding", "content-type", "x-prometheus-remote-write-version", "user-agent");
    /**
     * Hop-by-hop and framing headers: how the request is framed and the connection kept is the
     * client's business, and a user's copy would contradict it (Host, Content-Length, Connection),
     * change how the body is sent (Expect, Transfer-Encoding, TE, Trailer, Upgrade) or what a proxy
     * does (Keep-Alive, Proxy-Connection, Via). HttpURLConnection drops these and the CORS ones
     * (its restrictedHeaders) without a word.
     */
    private static final Set<String> MANAGED_BY_CONNECTION = Set.of(
            "access-control-request-headers", "access-control-request-method", "connection", "content-length",
            "content-transfer-encoding", "expect", "host", "keep-alive", "origin", "proxy-connection", "te",
            "trailer", "transfer-encoding", "upgrade", "via");
    /** The characters a header name (an RFC 9110 token) may hold besides letters and digits. */
    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    private HeaderRule() {
    }

    /**
     * What is wrong with sending {@code name: value}, worded to follow the header in a message, or
     * null when it may be sent. Names compare ignoring case, as in HTTP.
     *
     * @param earlierNames the headers already accepted for the same request
     * @param clientSetsAuthorization whether the endpoint's own authentication sets Authorization
     */
    public static String problem(String name, String value, Collection<String> earlierNames,
            boolean clientSetsAuthorization) {
        if (name.isEmpty()) {
            return "has no header name";
        }
        if (!isToken(name)) {
            return "is not a valid header name";
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (SET_BY_PROTOCOL.contains(lower)) {
            return "is set by the remote-write protocol and cannot be overridden";
        }
        if (clientSetsAuthorization && lower.equals("authorization")) {
            return "is set by remora.auth.* and cannot be overridden";
        }
        if (MANAGED_BY_CONNECTION.contains(lower)) {
            return "is managed by the HTTP connection";
        }
        for (String earlier : earlierNames) {
            if (earlier.equalsIgnoreCase(name)) {
                return "repeats " + earlier + " (header names ignore case)";
            }
        }
        return valueProblem(value);
    }

    /** A line break would end the header early (request splitting); other controls are not HTTP. */
    private static String valueProblem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') {
                return "holds a line break";
            }
            if ((c < ' ' && c != '\t') || c == 0x7f) {
                return "holds a control character";
            }
        }
        return null;
    }

    private static boolean isToken(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || TOKEN_SYMBOLS.indexOf(c) >= 0;
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
