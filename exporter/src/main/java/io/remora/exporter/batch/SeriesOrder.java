package io.remora.exporter.batch;

import java.util.Arrays;

/**
 * The newest timestamp sent so far for each series. Receivers reject a sample that is not newer
 * than the last one they took for its series, so such samples are dropped (and counted) before
 * they can make a whole request fail. Only the exporter thread uses this.
 */
public final class SeriesOrder implements Batch.SampleFilter {

    private long[] lastTimestampBySeries = new long[1024];

    public SeriesOrder() {
        Arrays.fill(lastTimestampBySeries, Long.MIN_VALUE);
    }

    /** Accepts the sample if it is newer than anything accepted for its series, and remembers it. */
    @Override
    public boolean test(int seriesId, long timestampMs, long valueBits) {
        if (seriesId >= lastTimestampBySeries.length) {
            int length = Math.max(seriesId + 1, lastTimestampBySeries.length * 2);
            int old = lastTimestampBySeries.length;
            lastTimestampBySeries = Arrays.copyOf(lastTimestampBySeries, length);
            Arrays.fill(lastTimestampBySeries, old, length, Long.MIN_VALUE);
        }
        if (timestampMs <= lastTimestampBySeries[seriesId]) {
            return false;
        }
        lastTimestampBySeries[seriesId] = timestampMs;
        return true;
    }
}
