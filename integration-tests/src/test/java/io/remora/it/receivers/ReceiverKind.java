package io.remora.it.receivers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What differs between the receivers we run for real: their binary, flags and readiness probe. */
public interface ReceiverKind {

    /** Human name used in messages and temp directory names. */
    String displayName();

    /** Debian package that provides {@link #binaryName()}. */
    String debianPackage();

    String binaryName();

    /** HTTP path that answers 200 once the receiver accepts writes and queries. */
    String readyPath();

    /** HTTP path that makes just-written samples queryable at once, for a receiver that buffers them; empty if none. */
    Optional<String> flushPath();

    /**
     * Command-line arguments (without the binary) that make it listen on {@code 127.0.0.1:port},
     * keep its data under {@code workDir} and talk to nothing but loopback clients. May write
     * files it needs (a config) into {@code workDir}.
     */
    List<String> arguments(int port, Path workDir) throws IOException;
}
