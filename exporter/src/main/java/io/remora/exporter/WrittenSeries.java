package io.remora.exporter;

import java.util.Arrays;

/**
 * The newest timestamp recorded for each series, by series id: at a clean shutdown every series
 * the process wrote gets a staleness marker just after it. Updated once per sample a collection
 * writes, never on an application's request path.
 */
final class WrittenSeries {

    /** 0: never written (or marked stale since). */
    private long[] newest = new long[256];

    synchronized void written(int id, long timestampMs) {
        if (id >= newest.length) {
            newest = Arrays.copyOf(newest, Math.max(id + 1, newest.length * 2));
        }
        newest[id] = Math.max(newest[id], timestampMs);
    }

    synchronized void markedStale(int id) {
        if (id < newest.length) {
            newest[id] = 0;
        }
    }

    /**
     * Each written series' id and newest timestamp, as they were when called; visited outside the
     * lock, so that the visitor may wait for the thread that records self-metrics.
     */
    void forEach(Visitor visitor) {
        long[] now;
        synchronized (this) {
            now = newest.clone();
        }
        for (int id = 0; id < now.length; id++) {
            if (now[id] != 0) {
                visitor.visit(id, now[id]);
            }
        }
    }

    interface Visitor {
        void visit(int id, long newestTimestampMs);
    }
}
