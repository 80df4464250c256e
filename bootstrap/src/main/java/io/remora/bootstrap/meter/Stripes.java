package io.remora.bootstrap.meter;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The same few long cells, once per stripe. A thread updates the stripe its thread id picks, so
 * threads on different stripes never write the same cache line. There is one stripe at first; an
 * update that finds another thread on its cell doubles the stripes (as LongAdder grows its cells),
 * up to {@link #MAX_STRIPES}, so a meter only one thread records into stays one stripe small.
 * After that growth nothing allocates.
 *
 * <p>The thread id is the probe because it costs a field read and needs no per-thread state;
 * consecutive ids (a pool's threads) land on distinct stripes.
 */
final class Stripes {

    /** Cells of padding on each side of a stripe: two cache lines, against adjacent-line prefetch. */
    private static final int PAD = 16;

    /** Twice the processors (a power of two): threads that share a stripe at the cap are rare. */
    static final int MAX_STRIPES =
            Integer.highestOneBit(Math.max(1, 2 * Runtime.getRuntime().availableProcessors() - 1)) << 1;

    private static final VarHandle CELL = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle STRIPES;

    static {
        try {
            STRIPES = MethodHandles.lookup().findVarHandle(Stripes.class, "stripes", long[][].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int cells;
    private volatile long[][] stripes;

    Stripes(int cells) {
        this.cells = cells;
        this.stripes = new long[][] {newStripe()};
    }

    /** The calling thread's stripe, to pass to {@link #add} and {@link #addDetectingContention}. */
    long[] current() {
        long[][] s = stripes;
        return s[(int) Thread.currentThread().getId() & (s.length - 1)];
    }

    static void add(long[] stripe, int cell, long delta) {
        long unused = (long) CELL.getAndAdd(stripe, PAD + cell, delta);
    }

    /**
     * Adds like {@link #add}, and grows the stripes if another thread was updating the same cell.
     * Give it the cell every update touches, so that contention is seen wherever it happens.
     */
    void addDetectingContention(long[] stripe, int cell, long delta) {
        int i = PAD + cell;
        long seen = (long) CELL.get(stripe, i);
        if (!CELL.compareAndSet(stripe, i, seen, seen + delta)) {
            add(stripe, cell, delta);
            grow();
        }
    }

    long sum(int cell) {
        long sum = 0;
        for (long[] stripe : stripes) {
            sum += (long) CELL.getVolatile(stripe, PAD + cell);
        }
        return sum;
    }

    int stripeCount() {
        return stripes.length;
    }

    /** Doubles the stripes; the existing ones (and their counts) are kept. Losing the race is fine. */
    void grow() {
        long[][] s = stripes;
        if (s.length < MAX_STRIPES) {
            long[][] grown = Arrays.copyOf(s, s.length * 2);
            for (int i = s.length; i < grown.length; i++) {
                grown[i] = newStripe();
            }
            STRIPES.compareAndSet(this, s, grown);
        }
    }

    private long[] newStripe() {
        return new long[PAD + cells + PAD];
    }
}
