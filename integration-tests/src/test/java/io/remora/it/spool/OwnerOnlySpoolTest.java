package io.remora.it.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.remora.exporter.testing.FileModes;
import io.remora.exporter.testing.RemoteWriteReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whatever the umask, every directory the agent creates is 0700 and every file 0600: the levels of
 * a configured {@code remora.spool.dir} it makes, the default {@code <tmp>/remora/<job>}, each
 * endpoint's spool, the {@code -<pid>} sibling of a second replica, segments, position and lock.
 */
class OwnerOnlySpoolTest {

    private static final Duration RUN = Duration.ofSeconds(6);
    private static final String OWNER_ONLY_DIRECTORY = "d rwx------";
    private static final String OWNER_ONLY_FILE = "- rw-------";

    @TempDir
    Path tmp;

    /**
     * A shell that sets {@code umask}, proves it by creating {@code marker} with the shell's default
     * mode (0666 less the umask), then runs the command.
     */
    private static List<String> underUmask(String umask, Path marker) {
        return List.of("sh", "-c", "umask " + umask + " && : > '" + marker + "' && exec \"$@\"", "sh");
    }

    @ParameterizedTest(name = "umask {0}")
    @ValueSource(strings = {"022", "000"})
    void everyDirectoryAndFileTheAgentCreatesIsOwnerOnly(String umask) throws Exception {
        Path configured = tmp.resolve("made").resolve("spool"); // both levels made by the agent
        Path tmpdir = Files.createDirectory(tmp.resolve("tmpdir"));
        Path marker = tmp.resolve("umask-marker");
        List<String> shell = underUmask(umask, marker);
        try (RemoteWriteReceiver receiver = RemoteWriteReceiver.start()) {
            receiver.stopListening(); // every request goes to the spool
            SpooledChild first = SpooledChild.start(shell, tmp, RUN, "first",
                    List.of("-Dremora.spool.dir=" + configured), receiver.url());
            SpooledChild byDefault = SpooledChild.start(shell, tmp, RUN, "default",
                    List.of("-Djava.io.tmpdir=" + tmpdir, "-Dremora.job=app"), receiver.url());
            Path firstSpool = awaitLockedSpool(configured, first);
            SpooledChild second = SpooledChild.start(shell, tmp, RUN, "second",
                    List.of("-Dremora.spool.dir=" + configured), receiver.url());
            for (SpooledChild child : List.of(first, byDefault, second)) {
                child.awaitExit(Duration.ofSeconds(60));
            }
            assertEquals("022".equals(umask) ? "- rw-r--r--" : "- rw-rw-rw-",
                    FileModes.below(tmp).get(marker.getFileName().toString()), "the shell ran under umask " + umask);

            String endpoint = firstSpool.getFileName().toString();
            Map<String, String> expected = new TreeMap<>(Map.of("spool", OWNER_ONLY_DIRECTORY));
            expectSpool(expected, "spool/" + endpoint);
            expectSpool(expected, "spool/" + endpoint + "-" + second.pid());
            assertEquals(expected, FileModes.below(configured.getParent()));

            expected = new TreeMap<>(Map.of("remora", OWNER_ONLY_DIRECTORY, "remora/app", OWNER_ONLY_DIRECTORY));
            expectSpool(expected, "remora/app/" + endpoint);
            assertEquals(expected, FileModes.below(tmpdir));
        }
    }

    /** A spool directory that was written to and closed: its lock, one segment and the read position. */
    private static void expectSpool(Map<String, String> expected, String dir) {
        expected.put(dir, OWNER_ONLY_DIRECTORY);
        for (String file : List.of(".lock", "00000000000000000000.seg", "position")) {
            expected.put(dir + "/" + file, OWNER_ONLY_FILE);
        }
    }

    /** The endpoint spool {@code child} locked under {@code configured}: a second replica then gets a sibling. */
    private static Path awaitLockedSpool(Path configured, SpooledChild child) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(configured)) {
                try (Stream<Path> dirs = Files.list(configured)) {
                    List<Path> locked = dirs.filter(d -> Files.exists(d.resolve(".lock"))).collect(Collectors.toList());
                    if (!locked.isEmpty()) {
                        return locked.get(0);
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no spool under " + configured + ": " + child.output());
    }
}
