package io.remora.agent.config;

import io.remora.exporter.spool.PrivateDirectory;
import io.remora.exporter.spool.UnsafeDirectoryException;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * {@code remora.spool.dir}, created in premain so that a refusal is reported at once. Refused (null)
 * when it is not private to this process's user (see {@link PrivateDirectory}) or cannot be created
 * or written: samples then stay in memory. Using another directory instead would put the spool where
 * the operator did not, outside the volume and size they planned for, and where the next run would
 * not find it. The default's shared level {@code <tmp>/remora} is the agent's choice, so it is
 * checked as well.
 */
final class SpoolDirectory {

    private SpoolDirectory() {
    }

    static Path create(ConfigSource.Entry entry, String temporaryDirectory, String job, Report report) {
        Path dir = null;
        try {
            if (entry != null) {
                dir = Paths.get(entry.value());
            } else {
                Path shared = Paths.get(temporaryDirectory, "remora");
                dir = shared.resolve(JavaCommand.fileName(job));
                PrivateDirectory.create(shared);
            }
            PrivateDirectory.create(dir);
        } catch (IOException | InvalidPathException | SecurityException e) {
            String value = entry != null ? entry.value() : String.valueOf(dir);
            String problem = e instanceof UnsafeDirectoryException ? e.getMessage()
                    : "cannot write there (" + Report.describe(e) + ")";
            report.problem(entry, Settings.SPOOL_DIR, value, problem + "; spool disabled, samples stay in memory");
            dir = null;
            entry = null;
        }
        report.record(Settings.SPOOL_DIR, dir == null ? "none" : dir.toString(), entry);
        return dir;
    }
}
