package io.remora.exporter.send;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Builds the {@code Authorization} header value from the secret files named in the config. Errors
 * name the setting and the path, never what the file holds.
 */
final class Authorization {

    private Authorization() {
    }

    /** The header value, or null when the endpoint needs no authentication. */
    static String headerValue(EndpointConfig config) {
        if (config.bearerTokenFile() != null) {
            return "Bearer " + readSecret("remora.auth.bearer-file", config.bearerTokenFile());
        }
        if (config.basicAuthUser() != null) {
            String password = readSecret("remora.auth.basic-password-file", config.basicAuthPasswordFile());
            String pair = config.basicAuthUser() + ':' + password;
            return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }

    private static String readSecret(String setting, Path file) {
        try {
            return EndpointFiles.secret(file);
        } catch (IOException | SecurityException | IllegalArgumentException e) {
            throw EndpointFiles.unusable(setting, file, e);
        }
    }
}
