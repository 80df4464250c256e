package io.remora.exporter.send;

import io.remora.exporter.spool.OrphanedSpools;
import io.remora.exporter.spool.Spool;
import io.remora.exporter.spool.SpoolEvents;
import io.remora.log.Log;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Spools left by processes that are gone, sent one at a time before this process's own requests:
 * their data is older than anything here, and nothing else would ever send it. Used under the
 * request queue's lock.
 */
final class Adoption {

    /** How often such spools are looked for, beside the first look at start. */
    private static final long SCAN_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final String endpointLabel;
    private final Spool own;
    private final SpoolEvents events;
    private final OrphanedSpools orphans;
    /** The adopted spool being sent, or null. */
    private Spool adopted;
    private long nextScan = System.nanoTime();

    Adoption(String endpointLabel, Spool own, SpoolEvents events, OrphanedSpools orphans) {
        this.endpointLabel = endpointLabel;
        this.own = own;
        this.events = events;
        this.orphans = orphans;
    }

    /**
     * The oldest record of the adopted spool, adopting one if it is time to look and
     * {@code mayAdopt} (not at shutdown: it stays for the next run). Null when there is none.
     */
    Request next(boolean mayAdopt) {
        if (adopted == null && mayAdopt && System.nanoTime() - nextScan >= 0) {
            adopt();
        }
        if (adopted == null) {
            return null;
        }
        Request request = Request.oldestOf(adopted);
        if (request == null) {
            orphans.sent(adopted);
            adopted = null;
            nextScan = System.nanoTime(); // another process may have left one too
        }
        return request;
    }

    private void adopt() {
        nextScan = System.nanoTime() + SCAN_NANOS;
        try {
            adopted = orphans.adoptOne(own.directory(), events);
        } catch (IOException e) {
            Log.warn(endpointLabel + ": cannot adopt a spool left by a process that is gone: " + e.getMessage());
        }
        if (adopted != null) {
            Log.info(endpointLabel + ": sending the spool " + adopted.directory() + " (" + adopted.sizeBytes()
                    + " bytes), left by a process that is gone, before this process's own requests");
        }
    }

    /** True while an adopted spool still has records to send. */
    boolean isSending() {
        return adopted != null;
    }

    /** At close: what the adopted spool still holds is the next run's to send. */
    void close() {
        if (adopted != null) {
            adopted.close();
            adopted = null;
        }
    }
}
