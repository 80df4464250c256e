package io.remora.exporter.send;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where and how to send remote-write requests for one endpoint. Holds the paths of secret files,
 * never the secrets: those are read when the sender is built, so a rotated file is picked up by a
 * restart and a config object can be printed safely.
 */
public final class EndpointConfig {

    /** Headers the remote-write spec fixes; a user header must not replace them. */
    static final Set<String> PROTOCOL_HEADERS = Set.of(
            "content-encoding", "content-type", "x-prometheus-remote-write-version", "user-agent");
    /**
     * Headers the HTTP connection manages itself: HttpURLConnection silently drops all but expect
     * (its restrictedHeaders), and Expect: 100-continue would change how the body is sent.
     */
    private static final Set<String> TRANSPORT_HEADERS = Set.of(
            "access-control-request-headers", "access-control-request-method", "connection", "content-length",
            "content-transfer-encoding", "expect", "host", "keep-alive", "origin", "trailer", "transfer-encoding",
            "upgrade", "via");

    private final URI url;
    private final Map<String, String> headers;
    private final Path bearerTokenFile;
    private final String basicAuthUser;
    private final Path basicAuthPasswordFile;
    private final Path caFile;
    private final boolean insecureTls;
    private final Duration timeout;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final int queueCapacity;

    private EndpointConfig(Builder b) {
        this.url = b.url;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
        this.bearerTokenFile = b.bearerTokenFile;
        this.basicAuthUser = b.basicAuthUser;
        this.basicAuthPasswordFile = b.basicAuthPasswordFile;
        this.caFile = b.caFile;
        this.insecureTls = b.insecureTls;
        this.timeout = b.timeout;
        this.minBackoff = b.minBackoff;
        this.maxBackoff = b.maxBackoff;
        this.queueCapacity = b.queueCapacity;
    }

    public static Builder builder(URI url) {
        return new Builder(url);
    }

    public URI url() {
        return url;
    }

    /** The URL as it may appear in logs and metric labels: no user-info, no query string. */
    public String endpointLabel() {
        StringBuilder label = new StringBuilder().append(url.getScheme()).append("://").append(url.getHost());
        if (url.getPort() != -1) {
            label.append(':').append(url.getPort());
        }
        if (url.getRawPath() != null) {
            label.append(url.getRawPath());
        }
        return label.toString();
    }

    /** Extra headers, in the order they were given. */
    public Map<String, String> headers() {
        return headers;
    }

    public Path bearerTokenFile() {
        return bearerTokenFile;
    }

    public String basicAuthUser() {
        return basicAuthUser;
    }

    public Path basicAuthPasswordFile() {
        return basicAuthPasswordFile;
    }

    public Path caFile() {
        return caFile;
    }

    public boolean insecureTls() {
        return insecureTls;
    }

    public Duration timeout() {
        return timeout;
    }

    public Duration minBackoff() {
        return minBackoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    public int queueCapacity() {
        return queueCapacity;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("EndpointConfig{url=").append(endpointLabel());
        if (url.getRawQuery() != null) {
            s.append("?***");
        }
        s.append(", headers=").append(headers.keySet());
        if (bearerTokenFile != null) {
            s.append(", bearerToken=*** from ").append(bearerTokenFile);
        }
        if (basicAuthUser != null) {
            s.append(", basicAuth=").append(basicAuthUser).append(":*** from ").append(basicAuthPasswordFile);
        }
        if (caFile != null) {
            s.append(", caFile=").append(caFile);
        }
        if (insecureTls) {
            s.append(", insecureTls=true");
        }
        return s.append(", timeout=").append(timeout)
                .append(", backoff=").append(minBackoff).append("..").append(maxBackoff)
                .append(", queueCapacity=").append(queueCapacity).append('}').toString();
    }

    /** Collects settings; every check that needs no file runs here, so mistakes show at start-up. */
    public static final class Builder {
        private final URI url;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Path bearerTokenFile;
        private String basicAuthUser;
        private Path basicAuthPasswordFile;
        private Path caFile;
        private boolean insecureTls;
        private Duration timeout = Duration.ofSeconds(30);
        private Duration minBackoff = Duration.ofMillis(30);
        private Duration maxBackoff = Duration.ofSeconds(5);
        private int queueCapacity = 64;

        private Builder(URI url) {
            Objects.requireNonNull(url, "url");
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("remora.endpoint: the URL must start with http:// or https://");
            }
            if (url.getHost() == null) {
                throw new IllegalArgumentException("remora.endpoint: the URL has no host");
            }
            if (url.getRawUserInfo() != null) {
                // the JDK client would silently ignore them; say so instead of sending unauthenticated
                throw new IllegalArgumentException("remora.endpoint: credentials in the URL are not supported,"
                        + " use remora.auth.basic-user and remora.auth.basic-password-file");
            }
            this.url = url;
        }

        /** Adds a header such as {@code X-Scope-OrgID}; the protocol's own headers cannot be replaced. */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "header name");
            Objects.requireNonNull(value, "header value");
            String lower = name.toLowerCase(Locale.ROOT);
            if (PROTOCOL_HEADERS.contains(lower)) {
                throw new IllegalArgumentException("remora.headers: " + name
                        + " is set by the remote-write protocol and cannot be overridden");
            }
            if (TRANSPORT_HEADERS.contains(lower)) {
                throw new IllegalArgumentException("remora.headers: " + name + " is managed by the HTTP client");
            }
            if (!isToken(name)) {
                throw new IllegalArgumentException("remora.headers: '" + name + "' is not a valid header name");
            }
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("remora.headers: the value of " + name + " contains a line break");
            }
            for (String existing : headers.keySet()) {
                if (existing.equalsIgnoreCase(name)) {
                    throw new IllegalArgumentException("remora.headers: " + name + " is given twice");
                }
            }
            headers.put(name, value);
            return this;
        }

        public Builder bearerTokenFile(Path file) {
            this.bearerTokenFile = Objects.requireNonNull(file, "bearer token file");
            return this;
        }

        public Builder basicAuth(String user, Path passwordFile) {
            this.basicAuthUser = Objects.requireNonNull(user, "basic auth user");
            this.basicAuthPasswordFile = Objects.requireNonNull(passwordFile, "basic auth password file");
            if (user.indexOf(':') >= 0) {
                throw new IllegalArgumentException("remora.auth.basic-user: must not contain ':'");
            }
            return this;
        }

        public Builder caFile(Path file) {
            this.caFile = Objects.requireNonNull(file, "CA file");
            return this;
        }

        public Builder insecureTls(boolean insecure) {
            this.insecureTls = insecure;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = positive("remora.timeout", timeout);
            return this;
        }

        public Builder minBackoff(Duration backoff) {
            this.minBackoff = positive("remora.retry.min-backoff", backoff);
            return this;
        }

        public Builder maxBackoff(Duration backoff) {
            this.maxBackoff = positive("remora.retry.max-backoff", backoff);
            return this;
        }

        /** How many compressed requests may wait for this endpoint before new ones are dropped. */
        public Builder queueCapacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("queueCapacity=" + capacity + ": must be at least 1");
            }
            this.queueCapacity = capacity;
            return this;
        }

        public EndpointConfig build() {
            if (bearerTokenFile != null && basicAuthUser != null) {
                throw new IllegalArgumentException(
                        "remora.auth.bearer-file and remora.auth.basic-user: choose one authentication");
            }
            boolean hasAuth = bearerTokenFile != null || basicAuthUser != null;
            if (hasAuth && headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("authorization"))) {
                throw new IllegalArgumentException(
                        "remora.headers: Authorization is given both as a header and by remora.auth.*");
            }
            if (maxBackoff.compareTo(minBackoff) < 0) {
                throw new IllegalArgumentException("remora.retry.max-backoff=" + maxBackoff
                        + ": must not be less than remora.retry.min-backoff=" + minBackoff);
            }
            if (caFile != null && insecureTls) {
                throw new IllegalArgumentException(
                        "remora.tls.ca-file and remora.tls.insecure: choose one, insecure ignores the CA");
            }
            return new EndpointConfig(this);
        }

        private static Duration positive(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + "=" + value + ": must be positive");
            }
            return value;
        }

        private static boolean isToken(String name) {
            if (name.isEmpty()) {
                return false;
            }
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
                if (!ok) {
                    return false;
                }
            }
            return true;
        }
    }
}
