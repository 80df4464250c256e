package io.remora.exporter.send;

import io.remora.exporter.setting.InvalidSetting;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how to send remote-write requests for one endpoint. Holds the paths of secret files,
 * never the secrets: those are read when the sender is built, so a rotated file is picked up by a
 * restart and a config object can be printed safely.
 */
public final class EndpointConfig {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_MIN_BACKOFF = Duration.ofMillis(30);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);

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
        private URI url;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Path bearerTokenFile;
        private String basicAuthUser;
        private Path basicAuthPasswordFile;
        private Path caFile;
        private boolean insecureTls;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration minBackoff = DEFAULT_MIN_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private int queueCapacity = 64;

        private Builder(URI url) {
            url(url);
        }

        /**
         * The endpoint the next {@link #build()} is for: the agent builds one config per URL of
         * {@code remora.endpoint} from the settings they share.
         */
        public Builder url(URI url) {
            Objects.requireNonNull(url, "url");
            String wrong = EndpointRules.urlProblem(url);
            if (wrong != null) {
                // the problem, not the URL: it may hold credentials
                throw new InvalidSetting("remora.endpoint: the URL " + wrong, wrong);
            }
            this.url = url;
            return this;
        }

        /**
         * Adds a header such as {@code X-Scope-OrgID}, as {@link HeaderRule} allows; Authorization is
         * refused here when the authentication is already set, and by {@link #build()} when it is set after.
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "header name");
            Objects.requireNonNull(value, "header value");
            requireAllowed(name, value, headers.keySet(), clientSetsAuthorization());
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
            String wrong = EndpointRules.basicUserProblem(user);
            if (wrong != null) {
                throw new InvalidSetting("remora.auth.basic-user: " + wrong, wrong);
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
            if (EndpointRules.authenticationsConflict(bearerTokenFile != null, basicAuthUser != null)) {
                throw new IllegalArgumentException(
                        "remora.auth.bearer-file and remora.auth.basic-user: choose one authentication");
            }
            if (clientSetsAuthorization()) {
                for (Map.Entry<String, String> header : headers.entrySet()) {
                    requireAllowed(header.getKey(), header.getValue(), List.of(), true);
                }
            }
            if (!EndpointRules.backoffInOrder(minBackoff, maxBackoff)) {
                throw new IllegalArgumentException("remora.retry.max-backoff=" + maxBackoff
                        + ": must not be less than remora.retry.min-backoff=" + minBackoff);
            }
            if (EndpointRules.tlsTrustConflicts(caFile != null, insecureTls)) {
                throw new IllegalArgumentException(
                        "remora.tls.ca-file and remora.tls.insecure: choose one, insecure ignores the CA");
            }
            return new EndpointConfig(this);
        }

        private boolean clientSetsAuthorization() {
            return bearerTokenFile != null || basicAuthUser != null;
        }

        private static Duration positive(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new InvalidSetting(name + "=" + value + ": must be more than 0", "must be more than 0");
            }
            return value;
        }

        private static void requireAllowed(String name, String value, Collection<String> earlierNames,
                boolean clientSetsAuthorization) {
            String wrong = HeaderRule.problem(name, value, earlierNames, clientSetsAuthorization);
            if (wrong != null) {
                // the name only: a header's value may be a secret
                throw new InvalidSetting("remora.headers: '" + name + "' " + wrong, wrong);
            }
        }
    }
}
