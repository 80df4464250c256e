package io.remora.bootstrap;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Values attached to objects that instrumentation cannot add a field to (retransformed classes keep
 * their shape): keys compared by identity and held weakly, so a value goes when its object is
 * collected. {@link #get} takes no lock and allocates nothing: it looks up with this thread's probe
 * instead of a new key. {@link #put} allocates a key and removes the entries of collected objects.
 */
public final class WeakIdentityMap<V> {

    private final ConcurrentHashMap<Object, V> values = new ConcurrentHashMap<>();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
    private final ThreadLocal<Probe> probes = new ThreadLocal<Probe>() {
        @Override
        protected Probe initialValue() {
            return new Probe();
        }
    };

    public void put(Object key, V value) {
        for (Reference<?> gone = collected.poll(); gone != null; gone = collected.poll()) {
            values.remove(gone);
        }
        values.put(new WeakKey(key, collected), value);
    }

    /** @return the value put for this very object, or null */
    public V get(Object key) {
        Probe probe = probes.get();
        probe.key = key;
        probe.hash = System.identityHashCode(key);
        try {
            return values.get(probe);
        } finally {
            probe.key = null; // the probe must not keep the object alive
        }
    }

    /** @return the value put for this very object, now removed, or null; no lock, no allocation */
    public V remove(Object key) {
        Probe probe = probes.get();
        probe.key = key;
        probe.hash = System.identityHashCode(key);
        try {
            return values.remove(probe);
        } finally {
            probe.key = null;
        }
    }

    /** Entries held, the collected ones not yet removed included. */
    public int size() {
        return values.size();
    }

    private static final class WeakKey extends WeakReference<Object> {
        private final int hash;

        WeakKey(Object key, ReferenceQueue<Object> queue) {
            super(key, queue);
            this.hash = System.identityHashCode(key);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        /** Another key of the same live object (put again); a collected key equals only itself. */
        @Override
        public boolean equals(Object other) {
            if (other == this) {
                return true;
            }
            Object key = get();
            return key != null && other instanceof WeakKey && ((WeakKey) other).get() == key;
        }
    }

    /** Looks like a key of {@code key} to the map's lookups, which call {@code probe.equals(storedKey)}. */
    private static final class Probe {
        Object key;
        int hash;

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof WeakKey && ((WeakKey) other).get() == key;
        }
    }
}
