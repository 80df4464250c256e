package io.remora.bootstrap.meter;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A metric's meters, one per label set. {@code labels(...)} finds the meter for the given label
 * values in a lock-free open-addressing table, without allocating once the label set exists. At most
 * {@code maxLabelSets} label sets are kept (cardinality bound); lookups past that get the overflow
 * meter, whose label values are all {@link #OVERFLOW_VALUE}, and are counted.
 *
 * <p>Label values are compared by identity first, so passing the same String instances (constants,
 * a context's path, a {@code Class}'s name) is the fastest; {@code null} counts as {@code ""}.
 *
 * @param <M> the meter: {@link Histogram}, {@link Timer} or {@link Counter}
 */
public abstract class MeterFamily<M> {

    public static final int MAX_LABELS = 5;

    /** Every label value of the series that collects lookups past the cardinality cap. */
    public static final String OVERFLOW_VALUE = "_OVERFLOW";

    private static final String NONE = "";

    /** Receives each label set of a family, see {@link #forEachLabelSet}. */
    public interface Visitor<M> {
        /** @param labelValues in the order of {@link #labelNames()}, unmodifiable */
        void labelSet(List<String> labelValues, M meter);
    }

    private final String name;
    private final List<String> labelNames;
    private final int maxLabelSets;
    private final AtomicReferenceArray<LabelSet<M>> table;
    private final int shift;
    private final AtomicInteger size = new AtomicInteger();
    private final Counter overflowed = new Counter();
    private final LabelSet<M> overflow;

    /** Beyond a million label sets a cap no longer bounds anything. */
    private static final int MAX_LABEL_SETS = 1 << 20;

    /** @param overflowMeter the meter of the overflow label set */
    MeterFamily(String name, int maxLabelSets, String[] labelNames, M overflowMeter) {
        if (labelNames.length > MAX_LABELS) {
            throw new IllegalArgumentException(name + ": at most " + MAX_LABELS + " labels");
        }
        if (maxLabelSets < 1 || maxLabelSets > MAX_LABEL_SETS) {
            throw new IllegalArgumentException(name + ": maxLabelSets must be in 1.." + MAX_LABEL_SETS);
        }
        this.name = name;
        this.labelNames = Collections.unmodifiableList(Arrays.asList(labelNames.clone()));
        this.maxLabelSets = maxLabelSets;
        int capacity = Integer.highestOneBit(maxLabelSets) << 2; // load factor at most 1/2
        this.table = new AtomicReferenceArray<>(capacity);
        this.shift = Integer.SIZE - Integer.numberOfTrailingZeros(capacity);
        String o = OVERFLOW_VALUE;
        this.overflow = labelSet(0, o, o, o, o, o, overflowMeter);
    }

    /** A new, empty meter for a label set seen for the first time. */
    abstract M newMeter();

    public final String name() {
        return name;
    }

    public final List<String> labelNames() {
        return labelNames;
    }

    public final int maxLabelSets() {
        return maxLabelSets;
    }

    /** Lookups that found the cap reached and got the overflow meter. */
    public final long overflowedLookups() {
        return overflowed.sum();
    }

    public final M labels() {
        return find(0, NONE, NONE, NONE, NONE, NONE);
    }

    public final M labels(String v0) {
        return find(1, v0, NONE, NONE, NONE, NONE);
    }

    public final M labels(String v0, String v1) {
        return find(2, v0, v1, NONE, NONE, NONE);
    }

    public final M labels(String v0, String v1, String v2) {
        return find(3, v0, v1, v2, NONE, NONE);
    }

    public final M labels(String v0, String v1, String v2, String v3) {
        return find(4, v0, v1, v2, v3, NONE);
    }

    public final M labels(String v0, String v1, String v2, String v3, String v4) {
        return find(5, v0, v1, v2, v3, v4);
    }

    /**
     * Calls {@code visitor} for each label set recorded so far, and for the overflow label set once
     * a lookup has overflowed. Label sets created meanwhile may or may not be visited.
     */
    public final void forEachLabelSet(Visitor<? super M> visitor) {
        for (int i = 0; i < table.length(); i++) {
            LabelSet<M> set = table.get(i);
            if (set != null) {
                visitor.labelSet(set.values, set.meter);
            }
        }
        if (overflowedLookups() > 0) {
            visitor.labelSet(overflow.values, overflow.meter);
        }
    }

    private M find(int arity, String v0, String v1, String v2, String v3, String v4) {
        if (arity != labelNames.size()) {
            throw new IllegalArgumentException(name + " has " + labelNames.size() + " labels, given " + arity);
        }
        String a = v0 == null ? NONE : v0;
        String b = v1 == null ? NONE : v1;
        String c = v2 == null ? NONE : v2;
        String d = v3 == null ? NONE : v3;
        String e = v4 == null ? NONE : v4;
        int hash = ((((a.hashCode() * 31 + b.hashCode()) * 31 + c.hashCode()) * 31 + d.hashCode()) * 31)
                + e.hashCode();
        int mask = table.length() - 1;
        for (int i = (hash * 0x9E3779B9) >>> shift; ; i = (i + 1) & mask) {
            LabelSet<M> set = table.get(i);
            if (set == null) {
                return insert(i, hash, a, b, c, d, e);
            }
            if (set.hash == hash && set.matches(a, b, c, d, e)) {
                return set.meter;
            }
        }
    }

    /** The label set is not in the table: add it at the first free slot from {@code slot}, or overflow. */
    private M insert(int slot, int hash, String a, String b, String c, String d, String e) {
        // Reserve a place under the cap first. Near the cap, two threads adding the same new label
        // set both reserve one for a moment, which can send a third, different one to overflow.
        if (size.get() >= maxLabelSets || size.incrementAndGet() > maxLabelSets) {
            overflowed.increment();
            return overflow.meter;
        }
        LabelSet<M> created = labelSet(hash, a, b, c, d, e, newMeter());
        int mask = table.length() - 1;
        for (int i = slot; ; i = (i + 1) & mask) {
            LabelSet<M> set = table.get(i);
            if (set == null) {
                if (table.compareAndSet(i, null, created)) {
                    return created.meter;
                }
                set = table.get(i);
            }
            if (set.hash == hash && set.matches(a, b, c, d, e)) {
                size.decrementAndGet(); // another thread added this label set first
                return set.meter;
            }
        }
    }

    private LabelSet<M> labelSet(int hash, String a, String b, String c, String d, String e, M meter) {
        String[] all = {a, b, c, d, e};
        return new LabelSet<>(hash, a, b, c, d, e,
                Collections.unmodifiableList(Arrays.asList(Arrays.copyOf(all, labelNames.size()))), meter);
    }

    private static final class LabelSet<M> {
        final int hash;
        final String v0;
        final String v1;
        final String v2;
        final String v3;
        final String v4;
        final List<String> values;
        final M meter;

        LabelSet(int hash, String v0, String v1, String v2, String v3, String v4, List<String> values, M meter) {
            this.hash = hash;
            this.v0 = v0;
            this.v1 = v1;
            this.v2 = v2;
            this.v3 = v3;
            this.v4 = v4;
            this.values = values;
            this.meter = meter;
        }

        boolean matches(String a, String b, String c, String d, String e) {
            return same(v0, a) && same(v1, b) && same(v2, c) && same(v3, d) && same(v4, e);
        }

        private static boolean same(String mine, String given) {
            return mine == given || mine.equals(given);
        }
    }
}
