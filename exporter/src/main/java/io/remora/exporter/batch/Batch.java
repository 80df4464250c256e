package io.remora.exporter.batch;

import io.remora.exporter.ring.SampleSink;
import java.util.Arrays;

/**
 * The samples of one remote-write request, held in columns so that filling, sorting and encoding
 * allocate nothing per sample. Reused from one request to the next.
 */
public final class Batch implements SampleSink {

    /** Bits of the series id sorted per radix pass: 3 passes cover any id, 2 cover 4 million. */
    private static final int RADIX_BITS = 11;
    private static final int RADIX_MASK = (1 << RADIX_BITS) - 1;

    private final int capacity;
    private int[] seriesIds;
    private long[] timestamps;
    private long[] valueBits;
    private int[] spareSeriesIds;
    private long[] spareTimestamps;
    private long[] spareValueBits;
    private long[] sortKeys;
    private long[] spareSortKeys;
    private final int[] digitCounts = new int[1 << RADIX_BITS];
    private int size;
    private long firstAddedNanos;

    public Batch(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("batch capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        seriesIds = new int[capacity];
        timestamps = new long[capacity];
        valueBits = new long[capacity];
        spareSeriesIds = new int[capacity];
        spareTimestamps = new long[capacity];
        spareValueBits = new long[capacity];
        sortKeys = new long[capacity];
        spareSortKeys = new long[capacity];
    }

    /** Adds a sample; the caller keeps the batch from overfilling ({@link #remaining()}). */
    @Override
    public void accept(int seriesId, long timestampMs, long bits) {
        if (size == capacity) {
            throw new IllegalStateException("batch is full at " + capacity + " samples");
        }
        if (size == 0) {
            firstAddedNanos = System.nanoTime();
        }
        seriesIds[size] = seriesId;
        timestamps[size] = timestampMs;
        valueBits[size] = bits;
        size++;
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return capacity;
    }

    public int remaining() {
        return capacity - size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** {@link System#nanoTime()} when the oldest sample in the batch was added. */
    public long firstAddedNanos() {
        return firstAddedNanos;
    }

    public int seriesId(int index) {
        return seriesIds[index];
    }

    public long timestampMs(int index) {
        return timestamps[index];
    }

    public long valueBits(int index) {
        return valueBits[index];
    }

    public void clear() {
        size = 0;
    }

    /**
     * Groups samples by series (ascending id, ids taken as unsigned) and orders each series' samples by timestamp, keeping
     * the arrival order of equal timestamps.
     */
    public void sortBySeriesThenTime() {
        int highestId = 0;
        for (int i = 0; i < size; i++) {
            sortKeys[i] = ((long) seriesIds[i] << 32) | i;
            highestId |= seriesIds[i];
        }
        // series ids are dense and small: a stable radix sort on them beats a comparison sort
        int idBits = Integer.SIZE - Integer.numberOfLeadingZeros(highestId);
        for (int sortedBits = 0; sortedBits < idBits; sortedBits += RADIX_BITS) {
            radixPass(Integer.SIZE + sortedBits);
        }
        for (int i = 0; i < size; i++) {
            int from = (int) sortKeys[i];
            spareSeriesIds[i] = seriesIds[from];
            spareTimestamps[i] = timestamps[from];
            spareValueBits[i] = valueBits[from];
        }
        swapColumns();
        sortEachSeriesByTime();
    }

    /** One stable counting-sort pass over the keys, on the digit at {@code shift}. */
    private void radixPass(int shift) {
        int[] counts = digitCounts;
        Arrays.fill(counts, 0);
        long[] keys = sortKeys;
        for (int i = 0; i < size; i++) {
            counts[(int) (keys[i] >>> shift) & RADIX_MASK]++;
        }
        int start = 0;
        for (int digit = 0; digit < counts.length; digit++) {
            int count = counts[digit];
            counts[digit] = start;
            start += count;
        }
        long[] sorted = spareSortKeys;
        for (int i = 0; i < size; i++) {
            long key = keys[i];
            sorted[counts[(int) (key >>> shift) & RADIX_MASK]++] = key;
        }
        spareSortKeys = keys;
        sortKeys = sorted;
    }

    /**
     * Keeps only the samples the predicate accepts, in order. Used to drop what a receiver would
     * reject, such as samples older than what was already sent for their series.
     *
     * @return how many samples were removed
     */
    public int retain(SampleFilter keep) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (keep.test(seriesIds[i], timestamps[i], valueBits[i])) {
                seriesIds[kept] = seriesIds[i];
                timestamps[kept] = timestamps[i];
                valueBits[kept] = valueBits[i];
                kept++;
            }
        }
        int removed = size - kept;
        size = kept;
        return removed;
    }

    /** Decides per sample whether it stays in the batch. */
    @FunctionalInterface
    public interface SampleFilter {
        boolean test(int seriesId, long timestampMs, long valueBits);
    }

    /** Insertion sort per series run: the runs arrive almost always sorted already. */
    private void sortEachSeriesByTime() {
        int runStart = 0;
        for (int i = 1; i <= size; i++) {
            if (i == size || seriesIds[i] != seriesIds[runStart]) {
                insertionSortByTime(runStart, i);
                runStart = i;
            }
        }
    }

    private void insertionSortByTime(int from, int to) {
        for (int i = from + 1; i < to; i++) {
            long ts = timestamps[i];
            long bits = valueBits[i];
            int j = i - 1;
            while (j >= from && timestamps[j] > ts) {
                timestamps[j + 1] = timestamps[j];
                valueBits[j + 1] = valueBits[j];
                j--;
            }
            timestamps[j + 1] = ts;
            valueBits[j + 1] = bits;
        }
    }

    private void swapColumns() {
        int[] ids = seriesIds;
        seriesIds = spareSeriesIds;
        spareSeriesIds = ids;
        long[] ts = timestamps;
        timestamps = spareTimestamps;
        spareTimestamps = ts;
        long[] bits = valueBits;
        valueBits = spareValueBits;
        spareValueBits = bits;
    }
}
