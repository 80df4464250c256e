package io.remora.it.receivers;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds a receiver's binary on the PATH, or says exactly how to get it. */
public final class Executables {

    private Executables() {
    }

    public static Path require(String binaryName, String debianPackage) {
        return find(binaryName).orElseThrow(() -> new ReceiverUnavailableException(
                binaryName + " is not installed: no executable '" + binaryName + "' on PATH="
                        + System.getenv("PATH") + " (install it with: apt-get install -y " + debianPackage + ")"));
    }

    static Optional<Path> find(String binaryName) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, binaryName);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
