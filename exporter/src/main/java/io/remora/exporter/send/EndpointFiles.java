package io.remora.exporter.send;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/**
 * What the files an endpoint names must hold: a secret on one line, or PEM certificates. The one
 * rule: the sender applies it when it reads them, the agent's configuration loader at start-up.
 * Problems are worded to follow the setting and path, and never quote the file.
 */
public final class EndpointFiles {

    private EndpointFiles() {
    }

    /**
     * A bearer token or password: the file's content without surrounding whitespace, which editors
     * and {@code echo} add.
     *
     * @throws IllegalArgumentException when the file is empty or holds more than one line
     */
    public static String secret(Path file) throws IOException {
        String secret = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("the file is empty");
        }
        if (secret.indexOf('\r') >= 0 || secret.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("the file holds more than one line");
        }
        return secret;
    }

    /** @throws IllegalArgumentException when the file is not PEM or holds no certificate */
    public static Collection<? extends Certificate> certificates(Path file) throws IOException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(file)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not a PEM certificate file (" + e.getMessage() + ")");
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("holds no certificate");
        }
        return certificates;
    }

    /** The sender's error for a file that will not do: the setting, the path and the problem. */
    static IllegalArgumentException unusable(String setting, Path file, Exception e) {
        String problem = e instanceof IllegalArgumentException
                ? e.getMessage()
                : "cannot read the file (" + e.getClass().getSimpleName() + ")";
        return new IllegalArgumentException(setting + "=" + file + ": " + problem);
    }
}
