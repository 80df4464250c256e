package io.remora.agent;

import io.remora.exporter.Exporter;
import io.remora.log.Log;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * On a clean exit, a last round of collection, then what is in memory is sent or spooled, bounded
 * by the exporter's shutdown timeout. Registered in premain, before the exporter exists, so that an
 * application that ends while the agent thread is still starting the exporter (a short job) waits
 * for it, up to {@link #MAX_WAIT_FOR_EXPORT_MS}, and has its samples sent all the same.
 */
final class ShutdownFlush implements Runnable {

    /** Longer than the exporter takes to start on a busy machine; bounds what a stuck start adds to exit. */
    static final long MAX_WAIT_FOR_EXPORT_MS = 2_000;

    private final CountDownLatch exportReady = new CountDownLatch(1);
    private volatile Exporter exporter;
    private volatile CollectionRound round;
    private volatile boolean exiting;

    /** Registers the hook; false when the JVM is already exiting. */
    boolean register() {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(this, "remora-shutdown"));
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** The exporter and its collection round exist: from now on exit flushes them. */
    void exportReady(Exporter exporter, CollectionRound round) {
        this.exporter = exporter;
        this.round = round;
        exportReady.countDown();
    }

    /** The exporter could not start (logged where it failed): exit has nothing to flush, and does not wait. */
    void noExport() {
        exportReady.countDown();
    }

    /** Waits until export is ready (the instrumentation's ready line comes after it). */
    void awaitExportReady() throws InterruptedException {
        exportReady.await();
    }

    /** True once the JVM has begun its exit (this hook runs). */
    boolean exiting() {
        return exiting;
    }

    @Override
    public void run() {
        exiting = true;
        try {
            if (!exportReady.await(MAX_WAIT_FOR_EXPORT_MS, TimeUnit.MILLISECONDS)) {
                Log.warn("the exporter had not started " + MAX_WAIT_FOR_EXPORT_MS + " ms into the exit; nothing sent");
                return;
            }
        } catch (InterruptedException e) {
            return;
        }
        if (exporter == null) {
            return;
        }
        try {
            round.runLast(System.currentTimeMillis());
        } catch (Throwable t) {
            Log.warn("last collection at exit failed: " + t);
        } finally {
            exporter.close();
        }
    }
}
