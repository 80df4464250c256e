package io.remora.exporter.spool;

import io.remora.log.Log;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Spools that processes now gone left beside this one's: the configured directory and its
 * {@code -<pid>} siblings (see {@link DirectoryLock}) that hold data and that no live process
 * has locked. A process killed while it spooled to a sibling would otherwise strand that data for
 * ever: the next runs lock the configured directory, or a sibling of their own pid.
 */
public final class OrphanedSpools {

    private final SpoolSettings settings;
    /** Refused by {@link PrivateDirectory}: said once, not at every scan, and never tried again. */
    private final Set<Path> refused = new HashSet<>();
    /** Could not be opened at some scan: said once. */
    private final Set<Path> failing = new HashSet<>();

    /** The orphans of the endpoint whose spool {@code settings} describe. */
    public OrphanedSpools(SpoolSettings settings) {
        this.settings = settings;
    }

    /**
     * Locks and opens the first orphaned spool, other than {@code own}; null when there is none. The
     * caller sends it oldest first, then hands it to {@link #sent}. A directory that is
     * not private to this process's user is never adopted, whatever it holds: it is reported once,
     * and the scan goes on to the next. One that cannot be opened is skipped, said once, and tried
     * again at the next scan.
     *
     * @throws IOException when the directory that holds the candidates cannot be listed
     */
    public Spool adoptOne(Path own, SpoolEvents events) throws IOException {
        for (Path candidate : candidates(settings.directory(), own)) {
            if (refused.contains(candidate)) {
                continue;
            }
            try {
                DirectoryLock lock = DirectoryLock.tryLock(candidate);
                if (lock != null) {
                    return Spool.open(lock, settings, events);
                }
            } catch (UnsafeDirectoryException e) {
                refused.add(candidate);
                Log.warn(e.getMessage() + "; not adopted: nothing in it is sent");
            } catch (IOException e) {
                // perhaps passing (a full disk, a file being deleted): the others are not held up, the next scan retries
                if (failing.add(candidate)) {
                    Log.warn("cannot adopt the spool " + candidate + " of a process that is gone (" + e.getMessage()
                            + "); trying again every scan");
                }
            }
        }
        return null;
    }

    /** Closes a spool {@link #adoptOne} gave once it is sent to the end (a {@code -<pid>} sibling is removed). */
    public void sent(Spool adopted) {
        adopted.closeAdopted(settings);
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
