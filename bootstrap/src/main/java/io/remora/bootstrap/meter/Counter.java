package io.remora.bootstrap.meter;

/**
 * A monotonic count. Striped like {@link Histogram} rather than a {@code LongAdder}: the same
 * stripes serve both, and LongAdder's per-thread probe lives in a {@code Thread} field that only
 * {@code java.util.concurrent} can reach, while a thread id is free. Adding takes no lock and
 * allocates nothing once the stripes have grown to the contention they see.
 */
public final class Counter {

    private final Stripes stripes = new Stripes(1);

    /** @param delta a negative delta is ignored: a counter never goes down */
    public void add(long delta) {
        if (delta > 0) {
            stripes.addDetectingContention(stripes.current(), 0, delta);
        }
    }

    public void increment() {
        stripes.addDetectingContention(stripes.current(), 0, 1L);
    }

    public long sum() {
        return stripes.sum(0);
    }
}
