package io.remora.exporter.spool;

import java.io.IOException;

/**
 * A spool directory {@link PrivateDirectory} refuses: nothing in it is read, written or sent. The
 * message names the directory and what is wrong with it.
 */
public final class UnsafeDirectoryException extends IOException {

    private static final long serialVersionUID = 1L;

    UnsafeDirectoryException(String message) {
        super(message);
    }
}
