package io.remora.exporter.spool;

import io.remora.log.Log;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Where reading resumes after a restart: a segment and a byte offset in it, in a one-line file
 * replaced atomically (write a temporary file, fsync it, rename over the old one), so a crash
 * leaves either the old position or the new one, never half of each.
 */
final class ReadPosition {

    static final String FILE = "position";
    private static final String TEMPORARY = "position.tmp";

    final long segment;
    final long offset;

    ReadPosition(long segment, long offset) {
        this.segment = segment;
        this.offset = offset;
    }

    /** The saved position, or null when there is none or it cannot be read (said once). */
    static ReadPosition read(Path dir) {
        Path file = dir.resolve(FILE);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            Log.warn("spool " + dir + ": cannot read " + FILE + " (" + e + "): replaying from the oldest segment");
            return null;
        }
        String[] parts = text.split(" ");
        try {
            if (parts.length == 2) {
                long segment = Long.parseLong(parts[0]);
                long offset = Long.parseLong(parts[1]);
                if (segment >= 0 && offset >= 0) {
                    return new ReadPosition(segment, offset);
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        Log.warn("spool " + dir + ": " + FILE + " holds '" + text + "', not '<segment> <offset>': replaying from the"
                + " oldest segment");
        return null;
    }

    /** Replaces the saved position, durably. */
    void write(Path dir) throws IOException {
        Path temporary = dir.resolve(TEMPORARY);
        ByteBuffer line = ByteBuffer.wrap((segment + " " + offset + "\n").getBytes(StandardCharsets.US_ASCII));
        try (FileChannel out = OwnerOnly.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (line.hasRemaining()) {
                out.write(line);
            }
            out.force(true);
        }
        Files.move(temporary, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(dir);
    }

    /** Makes created, renamed and deleted names durable; not every platform can open a directory. */
    static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Windows cannot: there the rename itself is durable enough
        }
    }
}
