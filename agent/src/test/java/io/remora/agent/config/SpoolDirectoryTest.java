package io.remora.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.exporter.testing.FileModes;
import io.remora.exporter.testing.OtherUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolDirectoryTest {

    @TempDir
    Path tmp;

    private final Properties system = new Properties();
    private final Map<String, String> environment = new HashMap<>();

    @BeforeEach
    void jvm() {
        system.setProperty("java.io.tmpdir", tmp.toString());
        system.setProperty("sun.java.command", "/opt/shop/shop-service.jar --port 8080");
    }

    /** As premain loads it: nothing reported, since nothing is checked there. */
    private SpoolDirectory loaded() {
        ConfigLoader.Result result = new ConfigLoader(system, null, environment).load();
        assertEquals(List.of(), result.problems());
        return result.config().spoolDirectory().orElseThrow();
    }

    /** The one line a refused spool directory gets. */
    private void assertRefused(Path configured, String problem) {
        assertEquals("remora.spool.dir=" + configured + ": " + problem + "; spool disabled, samples stay in memory",
                loaded().create());
    }

    private String notOwned(Path dir) throws IOException {
        return dir + " is owned by " + OtherUser.NAME + ", not by " + Files.getOwner(tmp).getName()
                + ", the user this process runs as";
    }

    @Test
    void premainResolvesTheDefaultWithoutTouchingTheDisk() {
        assertEquals(tmp.resolve("remora").resolve("shop-service"), loaded().path());
        assertEquals(Map.of(), FileModes.below(tmp));
    }

    @Test
    void theDefaultSpoolDirectoryAndItsSharedLevelAreCreatedOwnerOnly() {
        assertNull(loaded().create());
        assertEquals(Map.of("remora", "d rwx------", "remora/shop-service", "d rwx------"), FileModes.below(tmp));
    }

    @Test
    void aSpoolDirectoryOfAnotherUserIsRefused() throws IOException {
        Path planted = Files.createDirectories(tmp.resolve("planted"));
        OtherUser.owns(planted);
        system.setProperty("remora.spool.dir", planted.toString());
        assertRefused(planted, notOwned(planted));
    }

    @Test
    void aSharedDefaultLevelOfAnotherUserIsRefused() throws IOException {
        // <tmp>/remora is a name anyone can predict, and create first
        Path shared = Files.createDirectory(tmp.resolve("remora"));
        OtherUser.owns(shared);
        assertRefused(shared.resolve("shop-service"), notOwned(shared));
        assertFalse(Files.exists(shared.resolve("shop-service")), "nothing is created in it");
    }

    @Test
    void aSymbolicLinkAsSpoolDirectoryIsRefused() throws IOException {
        Path target = Files.createDirectories(tmp.resolve("target"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), target);
        system.setProperty("remora.spool.dir", link.toString());
        assertRefused(link, link + " is a symbolic link to " + target);
    }

    @Test
    void aSpoolDirectoryEveryoneCanWriteToIsRefused() throws IOException {
        // as a Kubernetes emptyDir is mounted: the spool belongs in a directory below it
        Path volume = Files.createDirectories(tmp.resolve("volume"));
        Files.setPosixFilePermissions(volume, PosixFilePermissions.fromString("rwxrwxrwx"));
        system.setProperty("remora.spool.dir", volume.toString());
        assertRefused(volume, volume + " is writable by group or others (rwxrwxrwx)");

        system.setProperty("remora.spool.dir", volume.resolve("remora").toString());
        assertNull(loaded().create());
        assertTrue(Files.isDirectory(volume.resolve("remora")));
    }

    @Test
    void anUnwritableSpoolDirectoryIsRefused() throws IOException {
        // a regular file in the way: unwritable even for root, who ignores permission bits
        Path file = Files.writeString(tmp.resolve("file"), "x");
        system.setProperty("remora.spool.dir", file.resolve("spool").toString());
        String line = loaded().create();
        assertTrue(line.startsWith("remora.spool.dir=" + file.resolve("spool") + ": cannot write there ("), line);
        assertTrue(line.endsWith("); spool disabled, samples stay in memory"), line);
    }

    @Test
    void theRefusalNamesTheSettingAsTheUserWroteIt() throws IOException {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        environment.put("REMORA_SPOOL_DIR", file.toString());
        assertTrue(loaded().create().startsWith("REMORA_SPOOL_DIR=" + file + ": "));
    }

    @Test
    void aValueThatIsNoPathIsReportedInPremain() {
        system.setProperty("remora.spool.dir", "spool\0dir");
        ConfigLoader.Result result = new ConfigLoader(system, null, environment).load();
        assertEquals(1, result.problems().size());
        String line = result.problems().get(0);
        assertTrue(line.startsWith("remora.spool.dir="), line);
        assertTrue(line.contains(": cannot write there ("), line);
        assertTrue(line.endsWith("; spool disabled, samples stay in memory"), line);
        assertFalse(result.config().spoolDir().isPresent());
        assertFalse(result.config().spoolDirectory().isPresent());
        assertTrue(result.config().exportEnabled());
    }
}
