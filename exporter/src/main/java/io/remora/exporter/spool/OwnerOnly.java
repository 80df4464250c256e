package io.remora.exporter.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Creates the spool's directories (0700) and files (0600) readable and writable by their owner
 * alone. The mode is given at creation, so no other user can open them in between, and the umask
 * can only take bits away that are not there. A file system without POSIX permissions (Windows)
 * gets no mode: there a new file takes the access control list of its directory.
 */
final class OwnerOnly {

    private static final FileAttribute<?> DIRECTORY = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rwx------"));
    private static final FileAttribute<?> FILE = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------"));

    private OwnerOnly() {
    }

    /** {@code dir} and its missing parents; nothing is changed in those that exist. */
    static void createDirectories(Path dir) throws IOException {
        Files.createDirectories(dir, modeIfPosix(dir, DIRECTORY));
    }

    /** Opens {@code file} with {@code options}; when they create it, it is created owner-only. */
    static FileChannel open(Path file, OpenOption... options) throws IOException {
        return FileChannel.open(file, Set.of(options), modeIfPosix(file, FILE));
    }

    private static FileAttribute<?>[] modeIfPosix(Path path, FileAttribute<?> mode) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {mode}
                : new FileAttribute<?>[0];
    }
}
