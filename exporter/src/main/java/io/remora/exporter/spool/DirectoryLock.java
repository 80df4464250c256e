package io.remora.exporter.spool;

import io.remora.log.Log;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Exclusive ownership of a spool directory, held for the spool's life. Two writers on one queue
 * would interleave and corrupt it, so a second owner, in another process or in this JVM, gets a
 * sibling directory of its own instead.
 */
final class DirectoryLock implements Closeable {

    static final String FILE = ".lock";
    /** Sibling directories tried before giving up: one is enough unless one JVM opens the same spool many times. */
    private static final int MAX_SIBLINGS = 16;

    private final Path directory;
    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(Path directory, FileChannel channel, FileLock lock) {
        this.directory = directory;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code requested}, or when another owner holds it, {@code <requested>-<pid>} (then
     * {@code -2}, {@code -3}, ...), and says so once.
     *
     * @throws IOException naming the directory when it cannot be created, written or locked, or is
     *     {@link UnsafeDirectoryException unsafe}
     */
    static DirectoryLock acquire(Path requested) throws IOException {
        String pid = ProcessId.current();
        for (int attempt = 0; attempt < MAX_SIBLINGS; attempt++) {
            Path candidate = attempt == 0 ? requested
                    : requested.resolveSibling(requested.getFileName() + "-" + pid + (attempt == 1 ? "" : "-" + attempt));
            DirectoryLock lock = tryLock(candidate);
            if (lock != null) {
                if (attempt > 0) {
                    Log.warn("spool directory " + requested + " is in use by another process or another exporter in"
                            + " this JVM: spooling to " + candidate + " instead (a queue is never shared)");
                }
                return lock;
            }
        }
        throw new IOException("spool directory " + requested + " and " + (MAX_SIBLINGS - 1)
                + " sibling directories are all locked by other owners");
    }

    /**
     * Locks exactly {@code dir}; null when another owner, live, holds it.
     *
     * @throws UnsafeDirectoryException when {@link PrivateDirectory} refuses it
     */
    static DirectoryLock tryLock(Path dir) throws IOException {
        FileChannel channel;
        try {
            PrivateDirectory.create(dir);
            channel = OwnerOnly.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (UnsafeDirectoryException e) {
            throw e; // names the directory and what is wrong with it
        } catch (IOException e) {
            throw new IOException("spool directory " + dir + " cannot be used: " + describe(e), e);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new DirectoryLock(dir, channel, lock);
            }
        } catch (OverlappingFileLockException e) {
            // held by another spool in this JVM
        } catch (IOException e) {
            channel.close();
            throw new IOException("spool directory " + dir + " cannot be locked: " + describe(e), e);
        }
        channel.close();
        return null;
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** The directory actually locked: the requested one or a sibling. */
    Path directory() {
        return directory;
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
