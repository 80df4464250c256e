package io.remora.exporter.spool;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Spools that processes now gone left beside this one's: the configured directory and its
 * {@code -<pid>} siblings (see {@link DirectoryLock}) that hold data and that no live process
 * has locked. A process killed while it spooled to a sibling would otherwise strand that data for
 * ever: the next runs lock the configured directory, or a sibling of their own pid.
 */
public final class OrphanedSpools {

    private OrphanedSpools() {
    }

    /**
     * Locks and opens the first orphaned spool of the endpoint whose spool {@code settings}
     * describe, other than {@code own}; null when there is none. The caller sends it oldest first,
     * then {@link Spool#closeAdopted closes} it.
     *
     * @throws IOException when a candidate cannot be opened; the next call tries the others
     */
    public static Spool adoptOne(SpoolSettings settings, Path own, SpoolEvents events) throws IOException {
        for (Path candidate : candidates(settings.directory(), own)) {
            DirectoryLock lock = DirectoryLock.tryLock(candidate);
            if (lock != null) {
                return Spool.open(lock, settings, events);
            }
        }
        return null;
    }

    /** The configured directory and its siblings, oldest name first, that hold segments. */
    private static List<Path> candidates(Path configured, Path own) throws IOException {
        Path parent = configured.toAbsolutePath().getParent();
        String name = configured.getFileName().toString();
        List<Path> found = new ArrayList<>();
        if (parent == null || !Files.isDirectory(parent)) {
            return found;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent)) {
            for (Path entry : entries) {
                String entryName = entry.getFileName().toString();
                if ((entryName.equals(name) || isSiblingName(entryName, name))
                        && !entry.equals(own.toAbsolutePath()) && holdsSegments(entry)) {
                    found.add(entry);
                }
            }
        }
        Collections.sort(found);
        return found;
    }

    /** {@code <name>-<pid>} or {@code <name>-<pid>-<n>}, as DirectoryLock names them. */
    static boolean isSiblingName(String entryName, String name) {
        if (!entryName.startsWith(name + "-")) {
            return false;
        }
        String rest = entryName.substring(name.length() + 1);
        return rest.matches("[0-9]+(-[0-9]+)?");
    }

    private static boolean holdsSegments(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (Segment.seqOf(entry.getFileName().toString()) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
