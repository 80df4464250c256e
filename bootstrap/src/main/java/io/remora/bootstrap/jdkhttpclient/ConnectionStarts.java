package io.remora.bootstrap.jdkhttpclient;

import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Per-connection state that a JDK class has no field for and inlined advice cannot add: when a
 * request whose connection was opened earlier (connect, getOutputStream) started, or that it is
 * over. A fixed lock-free table keyed by identity, probed a few slots from the connection's
 * identity hash; connections are held weakly, so one the application dropped frees its slot.
 * Looking up a connection that is not there allocates nothing; keeping one allocates one entry.
 * When the probed slots are all taken, nothing is kept (the request is then measured from its
 * response call only, or a failed one could be counted again): a bound, not an error.
 */
final class ConnectionStarts {

    /** {@link #take} found nothing. */
    static final long ABSENT = 0L;
    /** {@link #take} found the request over: it has been recorded. */
    static final long OVER = Long.MIN_VALUE;

    private static final int PROBES = 8;

    private final AtomicReferenceArray<Entry> slots;
    private final int mask;

    /** @param capacity a power of two */
    ConnectionStarts(int capacity) {
        if (Integer.bitCount(capacity) != 1 || capacity < PROBES) {
            throw new IllegalArgumentException("capacity must be a power of two, at least " + PROBES);
        }
        slots = new AtomicReferenceArray<>(capacity);
        mask = capacity - 1;
    }

    /** Keeps when the connection's request started, unless a start (or its end) is kept already. */
    void putIfAbsent(Object connection, long startNanos) {
        put(connection, startNanos, false);
    }

    /** Marks the connection's request over, replacing its start. */
    void markOver(Object connection) {
        put(connection, OVER, true);
    }

    /** @return the connection's start, forgotten now; {@link #OVER} (kept); or {@link #ABSENT} */
    long take(Object connection) {
        int home = home(connection);
        for (int i = 0; i < PROBES; i++) {
            int slot = (home + i) & mask;
            Entry entry = slots.get(slot);
            if (entry != null && entry.get() == connection) {
                if (entry.start == OVER) {
                    return OVER;
                }
                return slots.compareAndSet(slot, entry, null) ? entry.start : ABSENT;
            }
        }
        return ABSENT;
    }

    private void put(Object connection, long start, boolean replace) {
        int home = home(connection);
        int free = -1;
        Entry freeWas = null;
        for (int i = 0; i < PROBES; i++) {
            int slot = (home + i) & mask;
            Entry entry = slots.get(slot);
            Object key = entry == null ? null : entry.get();
            if (key == connection) {
                if (replace) {
                    slots.compareAndSet(slot, entry, new Entry(connection, start));
                }
                return;
            }
            if (key == null && free < 0) {
                free = slot;
                freeWas = entry;
            }
        }
        if (free >= 0) {
            slots.compareAndSet(free, freeWas, new Entry(connection, start));
        }
    }

    private int home(Object connection) {
        return (System.identityHashCode(connection) * 0x9E3779B9) & mask;
    }

    private static final class Entry extends WeakReference<Object> {
        final long start;

        Entry(Object connection, long start) {
            super(connection);
            this.start = start;
        }
    }
}
