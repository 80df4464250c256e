package io.remora.exporter.send;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

    /** The file's content without surrounding whitespace: editors and `echo` add a trailing newline. */
    private static String readSecret(String setting, Path file) {
        String secret;
        try {
            secret = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException(setting + "=" + file + ": cannot read the file ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (secret.isEmpty()) {
            throw new IllegalArgumentException(setting + "=" + file + ": the file is empty");
        }
        if (secret.indexOf('\r') >= 0 || secret.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(setting + "=" + file + ": the file holds more than one line");
        }
        return secret;
    }
}
