package io.remora.bootstrap;

import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Objects of the application's that the agent reads each interval (pools, session managers,
 * servers), registered by advice when they are built and held weakly, so that registering keeps
 * none alive. Such objects are few and built rarely: adding one looks through those held, so that a
 * constructor that calls another of its class's, each with the advice, registers it once.
 */
public final class WeakInstances {

    /** By the name of the class whose constructors register its instances ({@link #of}). */
    private static final ConcurrentHashMap<String, WeakInstances> BY_CLASS = new ConcurrentHashMap<>();

    private final Queue<WeakReference<Object>> held = new ConcurrentLinkedQueue<>();

    /** The instances registered by the constructors of the class of that name, and of its subclasses. */
    public static WeakInstances of(String className) {
        WeakInstances found = BY_CLASS.get(className);
        if (found == null) {
            WeakInstances made = new WeakInstances();
            found = BY_CLASS.putIfAbsent(className, made);
            return found == null ? made : found;
        }
        return found;
    }

    public void add(Object instance) {
        for (WeakReference<Object> reference : held) {
            if (reference.get() == instance) {
                return;
            }
        }
        held.add(new WeakReference<>(instance));
    }

    /** Those added so far; the reader removes those collected or done with. */
    public Iterator<WeakReference<Object>> iterator() {
        return held.iterator();
    }
}
