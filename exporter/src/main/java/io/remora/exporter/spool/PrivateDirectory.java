package io.remora.exporter.spool;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileOwnerAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/**
 * The one check a spool directory passes before anything in it is written or sent: a plain
 * directory, not a symbolic link; owned by the user this process runs as; not writable by group or
 * others. Otherwise another local user could read the samples, or plant segments that the exporter
 * would send with this application's credentials. The directory itself is examined, never what a
 * link points to. Where the file system has no POSIX permissions (Windows), the link and owner
 * checks remain; access is then the directory's access control list, which is not examined.
 */
public final class PrivateDirectory {

    private PrivateDirectory() {
    }

    /**
     * Creates {@code dir} and its missing parents owner-only, and checks {@code dir}.
     *
     * @throws UnsafeDirectoryException when the check refuses it: nothing in it has been read
     * @throws IOException when it cannot be created or written
     */
    public static void create(Path dir) throws IOException {
        OwnerOnly.createDirectories(dir);
        UserPrincipal user = ProcessUser.get();
        String problem = problem(dir, user);
        if (problem != null) {
            throw new UnsafeDirectoryException(dir + " " + problem);
        }
        if (!Files.isWritable(dir)) {
            throw new AccessDeniedException(dir.toString());
        }
    }

    /**
     * What makes {@code dir} unsafe for a process of {@code user}, as {@code is ...}; null when it is
     * safe.
     */
    public static String problem(Path dir, UserPrincipal user) throws IOException {
        BasicFileAttributes found = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (found.isSymbolicLink()) {
            return "is a symbolic link to " + Files.readSymbolicLink(dir);
        }
        if (!found.isDirectory() || found.isOther()) {
            return "is not a plain directory"; // a Windows junction, say: "other", not a directory
        }
        FileOwnerAttributeView ownerView =
                Files.getFileAttributeView(dir, FileOwnerAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        UserPrincipal owner = ownerView == null ? null : ownerView.getOwner();
        if (owner != null && !owner.equals(user)) {
            return "is owned by " + owner.getName() + ", not by " + user.getName() + ", the user this process runs as";
        }
        PosixFileAttributeView posix =
                Files.getFileAttributeView(dir, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (posix != null) {
            Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
            if (permissions.contains(PosixFilePermission.GROUP_WRITE)
                    || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
                return "is writable by group or others (" + PosixFilePermissions.toString(permissions) + ")";
            }
        }
        return null;
    }
}
