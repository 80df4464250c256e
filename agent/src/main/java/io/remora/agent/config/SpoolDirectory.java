package io.remora.agent.config;

import io.remora.exporter.spool.PrivateDirectory;
import io.remora.exporter.spool.UnsafeDirectoryException;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * {@code remora.spool.dir}: resolved in premain, created and checked on the agent thread before the
 * exporter starts, since disk work has no place in premain, whose time is the application's (a cold
 * first directory check costs some 6 ms in a fresh JVM). Refused when it is not private to this
 * process's user (see {@link PrivateDirectory}) or cannot be created or written: samples then stay
 * in memory. Using another directory instead would put the spool where the operator did not,
 * outside the volume and size they planned for, and where the next run would not find it. The
 * default's shared level {@code <tmp>/remora} is the agent's choice, so it is checked as well.
 */
public final class SpoolDirectory {

    private static final String REFUSED = "; spool disabled, samples stay in memory";

    /** Null for the default. */
    private final ConfigSource.Entry entry;
    private final Path path;
    /** The default's {@code <tmp>/remora}; null for a configured directory. */
    private final Path sharedLevel;

    private SpoolDirectory(ConfigSource.Entry entry, Path path, Path sharedLevel) {
        this.entry = entry;
        this.path = path;
        this.sharedLevel = sharedLevel;
    }

    /** Null, reported, when the configured value is not a path. Touches no disk. */
    static SpoolDirectory resolve(ConfigSource.Entry entry, String temporaryDirectory, String job, Report report) {
        SpoolDirectory resolved;
        try {
            if (entry != null) {
                resolved = new SpoolDirectory(entry, Paths.get(entry.value()), null);
            } else {
                Path shared = Paths.get(temporaryDirectory, "remora");
                resolved = new SpoolDirectory(null, shared.resolve(JavaCommand.fileName(job)), shared);
            }
        } catch (InvalidPathException e) {
            report.problem(entry, Settings.SPOOL_DIR, entry != null ? entry.value() : temporaryDirectory,
                    cannotWrite(e) + REFUSED);
            resolved = null;
        }
        report.record(Settings.SPOOL_DIR, resolved == null ? "none" : resolved.path.toString(),
                resolved == null ? null : entry);
        return resolved;
    }

    public Path path() {
        return path;
    }

    /**
     * Creates it, and the default's shared level, owner-only, and checks them.
     *
     * @return null when the spool can live there; else the line that says why not, as premain words
     *     a bad setting ({@code remora.spool.dir=<value>: <problem>; spool disabled, ...})
     */
    public String create() {
        try {
            if (sharedLevel != null) {
                PrivateDirectory.create(sharedLevel);
            }
            PrivateDirectory.create(path);
            return null;
        } catch (IOException | SecurityException e) {
            String problem = e instanceof UnsafeDirectoryException ? e.getMessage() : cannotWrite(e);
            Report report = new Report();
            report.problem(entry, Settings.SPOOL_DIR, path.toString(), problem + REFUSED);
            return report.problems().get(0);
        }
    }

    private static String cannotWrite(Exception e) {
        return "cannot write there (" + Report.describe(e) + ")";
    }
}
