package io.remora.exporter.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipal;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The user this process's files belong to: the owner of a file it creates. That is the truth on
 * every platform (on Windows an elevated process's files belong to the Administrators group), where
 * {@code user.name} can be set on the command line, or be {@code ?} for a container's user without
 * a passwd entry; it is the fallback when the temporary directory is read-only.
 */
final class ProcessUser {

    private static volatile UserPrincipal user;

    private ProcessUser() {
    }

    static UserPrincipal get() throws IOException {
        UserPrincipal known = user;
        if (known == null) {
            known = ownerOfANewFile();
            user = known;
        }
        return known;
    }

    private static UserPrincipal ownerOfANewFile() throws IOException {
        // no ProcessHandle for a unique name (see ProcessId) nor createTempFile (SecureRandom, slow to seed):
        // the agent thread runs this before its exporter starts
        Path probe = Paths.get(System.getProperty("java.io.tmpdir"),
                ".remora-owner-" + System.nanoTime() + "-" + ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE));
        // CREATE_NEW never follows a link someone planted under that name
        try (FileChannel created = OwnerOnly.open(probe, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.DELETE_ON_CLOSE)) {
            return Files.getOwner(probe);
        } catch (IOException | UnsupportedOperationException e) {
            try {
                return FileSystems.getDefault().getUserPrincipalLookupService()
                        .lookupPrincipalByName(System.getProperty("user.name"));
            } catch (IOException | UnsupportedOperationException notFound) {
                throw new IOException("cannot tell which user this process runs as: " + e + "; " + notFound, e);
            }
        }
    }
}
