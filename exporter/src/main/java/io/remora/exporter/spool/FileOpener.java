package io.remora.exporter.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opens segment files; tests substitute channels that fail the way a full disk does. */
interface FileOpener {

    FileOpener DEFAULT = path -> OwnerOnly.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
            StandardOpenOption.CREATE);

    /** Opens the file for reading and writing, creating it if needed. */
    FileChannel open(Path path) throws IOException;
}
