package io.remora.bootstrap.label;

/**
 * {@code url_scheme}: "http" or "https", the same instances every time; anything else (a proxy
 * header a container passes on as the scheme) is {@code _OTHER}, so clients cannot grow the label.
 */
public final class UrlSchemes {

    public static final String HTTP = "http";
    public static final String HTTPS = "https";
    public static final String OTHER = "_OTHER";

    private UrlSchemes() {
    }

    public static String of(String scheme) {
        if (HTTP.equals(scheme)) {
            return HTTP;
        }
        return HTTPS.equals(scheme) ? HTTPS : OTHER;
    }
}
