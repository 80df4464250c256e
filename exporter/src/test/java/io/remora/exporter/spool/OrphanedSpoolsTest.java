package io.remora.exporter.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.exporter.testing.OtherUser;
import io.remora.log.Log;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adopting the spool of a process that is gone must not become a way to send what another user
 * planted: a sibling that is not private to this user is never adopted, said once, and the scan
 * goes on to a genuine orphan behind it.
 */
class OrphanedSpoolsTest {

    @TempDir
    Path tmp;

    private final RecordingEvents events = new RecordingEvents();
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();

    @BeforeEach
    void captureLog() {
        Log.setOutput(new PrintStream(logged, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreLog() {
        Log.setOutput(System.err);
    }

    private static SpoolSettings settings(Path dir) {
        return new SpoolSettings(dir, 1L << 20, Duration.ofDays(1));
    }

    /** A spool left by a process that is gone: one request, unlocked. */
    private Path orphanAt(Path dir, String body) throws IOException {
        try (Spool spool = Spool.open(settings(dir), events)) {
            long now = System.currentTimeMillis();
            assertTrue(spool.append(body.getBytes(StandardCharsets.US_ASCII), 1, now, now) >= 0);
        }
        return dir;
    }

    private List<String> logLines() {
        return logged.toString(StandardCharsets.UTF_8).lines().collect(Collectors.toList());
    }

    @Test
    void aSiblingNotPrivateToThisUserIsNeverAdoptedAndSaidOnce() throws IOException {
        SpoolSettings settings = settings(tmp.resolve("spool").resolve("endpoint"));
        Path foreign = orphanAt(tmp.resolve("spool").resolve("endpoint-11"), "planted by another user");
        OtherUser.owns(foreign);
        Path elsewhere = orphanAt(tmp.resolve("elsewhere"), "planted behind a link");
        Path linked = Files.createSymbolicLink(tmp.resolve("spool").resolve("endpoint-12"), elsewhere);
        Path genuine = orphanAt(tmp.resolve("spool").resolve("endpoint-13"), "left by a replica that is gone");
        OrphanedSpools orphans = new OrphanedSpools(settings);

        try (Spool own = Spool.open(settings, events)) {
            Spool adopted = orphans.adoptOne(own.directory(), events);
            assertNotNull(adopted, logLines().toString());
            assertEquals(genuine, adopted.directory());
            SpoolRecord record = adopted.peek();
            assertEquals("left by a replica that is gone", new String(record.body(), StandardCharsets.US_ASCII));
            assertTrue(adopted.commit(record));
            adopted.closeAdopted(settings);
            assertTrue(Files.notExists(genuine), "sent to the end, so removed");

            assertNull(orphans.adoptOne(own.directory(), events), "the next scan finds nothing it may adopt");
        }
        String user = Files.getOwner(tmp).getName();
        assertEquals(List.of(
                "remora: " + foreign + " is owned by " + OtherUser.NAME + ", not by " + user
                        + ", the user this process runs as; not adopted: nothing in it is sent",
                "remora: " + linked + " is a symbolic link to " + elsewhere + "; not adopted: nothing in it is sent"),
                logLines().stream().filter(line -> line.contains("not adopted")).collect(Collectors.toList()));
        assertTrue(Files.exists(foreign.resolve(Segment.fileName(0))), "left where it was planted");
        assertTrue(Files.exists(elsewhere.resolve(Segment.fileName(0))), "left where it was planted");
    }
}
