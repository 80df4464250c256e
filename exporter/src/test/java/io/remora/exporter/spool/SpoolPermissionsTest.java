package io.remora.exporter.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.exporter.testing.FileModes;
import io.remora.exporter.testing.OtherUser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the spool creates is its owner's alone, and a directory that is not (another user's, a
 * symbolic link, one others can write to) is neither read nor written: its segments could have
 * been planted. The integration tests run the same under umask 000.
 */
class SpoolPermissionsTest {

    private static final String SEGMENT = Segment.fileName(0);

    @TempDir
    Path tmp;

    private final RecordingEvents events = new RecordingEvents();

    private static SpoolSettings settings(Path dir) {
        return new SpoolSettings(dir, 1L << 20, Duration.ofDays(1));
    }

    private static void append(Spool spool, int n) {
        long now = System.currentTimeMillis();
        assertTrue(spool.append(("request " + n).getBytes(StandardCharsets.US_ASCII), 1, now, now) >= 0);
    }

    /** A spool as a run leaves it: a segment, the lock file and the saved read position. */
    private Path spoolLeftAt(Path dir) throws IOException {
        try (Spool spool = Spool.open(settings(dir), events)) {
            append(spool, 0);
            append(spool, 1);
        }
        return dir;
    }

    /** The user this test runs as: the owner of what JUnit created for it. */
    private String thisUser() throws IOException {
        return Files.getOwner(tmp).getName();
    }

    /** Every file's bytes, to show that nothing was written, truncated or deleted. */
    private static Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> contents = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.collect(Collectors.toList())) {
                byte[] bytes = Files.readAllBytes(file);
                contents.put(file.getFileName().toString(), Base64.getEncoder().encodeToString(bytes));
            }
        }
        return contents;
    }

    @Test
    void everyDirectoryAndFileTheSpoolCreatesIsOwnerOnly() throws IOException {
        Path dir = tmp.resolve("made").resolve("by").resolve("spool");
        try (Spool first = Spool.open(settings(dir), events); Spool second = Spool.open(settings(dir), events)) {
            append(first, 0);
            append(second, 1);
        }
        String sibling = "made/by/spool-" + ProcessHandle.current().pid();
        Map<String, String> expected = new TreeMap<>(Map.of(
                "made", "d rwx------",
                "made/by", "d rwx------",
                "made/by/spool", "d rwx------",
                sibling, "d rwx------"));
        for (String spool : new String[] {"made/by/spool", sibling}) {
            for (String file : new String[] {DirectoryLock.FILE, SEGMENT, ReadPosition.FILE}) {
                expected.put(spool + "/" + file, "- rw-------");
            }
        }
        assertEquals(expected, FileModes.below(tmp));
    }

    @Test
    void aDirectoryOwnedByAnotherUserIsNeitherReadNorWritten() throws IOException {
        Path planted = spoolLeftAt(tmp.resolve("planted"));
        OtherUser.owns(planted);
        Map<String, String> before = contents(planted);

        UnsafeDirectoryException refused =
                assertThrows(UnsafeDirectoryException.class, () -> Spool.open(settings(planted), events));
        assertEquals(planted + " is owned by " + OtherUser.NAME + ", not by " + thisUser()
                + ", the user this process runs as", refused.getMessage());
        assertEquals(before, contents(planted));
        assertEquals(Map.of(), events.dropped());
    }

    @Test
    void aSymbolicLinkIsNeitherFollowedNorWritten() throws IOException {
        Path planted = spoolLeftAt(tmp.resolve("planted"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), planted);
        Map<String, String> before = contents(planted);

        UnsafeDirectoryException refused =
                assertThrows(UnsafeDirectoryException.class, () -> Spool.open(settings(link), events));
        assertEquals(link + " is a symbolic link to " + planted, refused.getMessage());
        assertEquals(before, contents(planted));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rwxrwx---", "rwx----w-", "rwxrwxrwx"})
    void aDirectoryOthersCanWriteToIsNeitherReadNorWritten(String mode) throws IOException {
        Path planted = spoolLeftAt(tmp.resolve("planted"));
        Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString(mode));
        Map<String, String> before = contents(planted);

        UnsafeDirectoryException refused =
                assertThrows(UnsafeDirectoryException.class, () -> Spool.open(settings(planted), events));
        assertEquals(planted + " is writable by group or others (" + mode + ")", refused.getMessage());
        assertEquals(before, contents(planted));
    }

    @Test
    void aDirectoryOthersCanOnlyReadIsStillUsed() throws IOException {
        // as an earlier release left its spool under umask 022: its data is sent, not stranded
        Path earlier = spoolLeftAt(tmp.resolve("earlier"));
        Files.setPosixFilePermissions(earlier, PosixFilePermissions.fromString("rwxr-xr-x"));

        try (Spool spool = Spool.open(settings(earlier), events)) {
            SpoolRecord first = spool.peek();
            assertNotNull(first);
            assertEquals("request 0", new String(first.body(), StandardCharsets.US_ASCII));
        }
    }
}
