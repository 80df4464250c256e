package io.remora.exporter.send;

import java.net.URI;
import java.time.Duration;

/**
 * What an endpoint's settings must satisfy, alone and together. The one rule: {@link EndpointConfig}
 * enforces it; the agent's configuration loader reports what the builder refuses, and asks the rules
 * that tie two settings together before it sets the second, so that it blames the right one.
 * Problems are worded to follow the value in a message.
 */
public final class EndpointRules {

    private EndpointRules() {
    }

    /** What is wrong with the remote-write URL, or null. */
    public static String urlProblem(URI url) {
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            return "is not an http or https URL";
        }
        if (url.getHost() == null) {
            return "has no host";
        }
        if (url.getRawUserInfo() != null) {
            // the JDK client would silently ignore them and send unauthenticated
            return "holds credentials, which are not sent (use remora.auth.basic-user and"
                    + " remora.auth.basic-password-file)";
        }
        return null;
    }

    /** What is wrong with a basic-auth user name, or null. */
    public static String basicUserProblem(String user) {
        return user.indexOf(':') >= 0 ? "holds ':', which ends the user name in basic authentication" : null;
    }

    /** A bearer token and basic authentication would both set Authorization. */
    public static boolean authenticationsConflict(boolean bearerTokenFile, boolean basicAuth) {
        return bearerTokenFile && basicAuth;
    }

    /** Insecure TLS trusts any certificate, so a CA file beside it would be silently ignored. */
    public static boolean tlsTrustConflicts(boolean caFile, boolean insecure) {
        return caFile && insecure;
    }

    public static boolean backoffInOrder(Duration min, Duration max) {
        return max.compareTo(min) >= 0;
    }
}
