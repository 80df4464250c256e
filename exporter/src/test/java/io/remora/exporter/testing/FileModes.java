package io.remora.exporter.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The modes of what lies below a directory, to compare with what the spool must create. */
public final class FileModes {

    private FileModes() {
    }

    /**
     * Every directory and file below {@code top} (not {@code top} itself), by its path relative to
     * {@code top}, as {@code d rwx------} or {@code - rw-------}.
     */
    public static Map<String, String> below(Path top) {
        Map<String, String> modes = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(top)) {
            for (Path path : (Iterable<Path>) walk.skip(1)::iterator) {
                String type = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? "d " : "- ";
                modes.put(top.relativize(path).toString(), type + PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return modes;
    }
}
