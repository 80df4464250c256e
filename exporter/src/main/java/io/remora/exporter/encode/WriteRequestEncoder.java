package io.remora.exporter.encode;

import io.remora.exporter.batch.Batch;
import io.remora.exporter.series.Series;
import io.remora.exporter.series.SeriesRegistry;
import io.remora.exporter.wire.Varint;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Writes a batch as a remote-write 1.0 {@code WriteRequest} straight into a reusable byte array,
 * with each series' labels copied in from their cached encoding. Nothing is allocated per sample
 * or per series; the array grows only when a request is larger than any before it.
 *
 * <p>The bytes are exactly those the generated protobuf classes would produce for the same request,
 * proto3 default omission included: a value whose raw bits are zero (+0.0) and a timestamp of zero
 * are left out, while -0.0 and every NaN payload (the stale marker among them) are written as they
 * are.
 *
 * <p>One encoder belongs to one thread; the array it returns is overwritten by the next call.
 */
public final class WriteRequestEncoder {

    private static final byte WRITE_REQUEST_TIMESERIES_TAG = (1 << 3) | 2;
    private static final byte TIME_SERIES_SAMPLES_TAG = (2 << 3) | 2;
    private static final byte SAMPLE_VALUE_TAG = (1 << 3) | 1;
    private static final byte SAMPLE_TIMESTAMP_TAG = (2 << 3);
    private static final int MAX_VARINT32_SIZE = 5;
    private static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;
    private static final VarHandle LONG_LITTLE_ENDIAN =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] buffer;
    private int length;

    public WriteRequestEncoder() {
        this(64 * 1024);
    }

    public WriteRequestEncoder(int initialCapacity) {
        if (initialCapacity < 1) {
            throw new IllegalArgumentException("initial capacity must be at least 1, got " + initialCapacity);
        }
        buffer = new byte[initialCapacity];
    }

    /**
     * Encodes the batch, which must already be sorted with {@link Batch#sortBySeriesThenTime()}:
     * each run of samples of one series becomes one TimeSeries.
     *
     * @return the request's length, the first bytes of {@link #buffer()}
     * @throws IllegalArgumentException if a sample names a series the registry does not know
     */
    public int encode(Batch batch, SeriesRegistry registry) {
        int size = batch.size();
        int pos = 0;
        int start = 0;
        while (start < size) {
            int seriesId = batch.seriesId(start);
            int end = start + 1;
            while (end < size && batch.seriesId(end) == seriesId) {
                end++;
            }
            byte[] labels = labelsOf(registry, seriesId);
            int timeSeriesSize = labels.length + samplesSize(batch, start, end);
            ensureCapacity((long) pos + 1 + MAX_VARINT32_SIZE + timeSeriesSize);
            byte[] out = buffer;
            out[pos++] = WRITE_REQUEST_TIMESERIES_TAG;
            pos = Varint.write(out, pos, timeSeriesSize);
            System.arraycopy(labels, 0, out, pos, labels.length);
            pos += labels.length;
            for (int i = start; i < end; i++) {
                pos = writeSample(out, pos, batch.timestampMs(i), batch.valueBits(i));
            }
            start = end;
        }
        length = pos;
        return pos;
    }

    /** The last request's bytes, from index 0 up to {@link #length()}. */
    public byte[] buffer() {
        return buffer;
    }

    /** The last request's length. */
    public int length() {
        return length;
    }

    private static byte[] labelsOf(SeriesRegistry registry, int seriesId) {
        Series series = registry.byId(seriesId);
        if (series == null) {
            throw new IllegalArgumentException("batch holds a sample of series id " + seriesId
                    + ", which the registry does not know");
        }
        return series.encodedLabels();
    }

    /** The samples' size inside a TimeSeries, each one's tag and length prefix included. */
    private static int samplesSize(Batch batch, int start, int end) {
        int size = 0;
        for (int i = start; i < end; i++) {
            // a Sample is at most 20 bytes, so its length prefix is always one byte
            size += 2 + sampleSize(batch.timestampMs(i), batch.valueBits(i));
        }
        return size;
    }

    private static int sampleSize(long timestampMs, long valueBits) {
        int size = valueBits != 0 ? 1 + Long.BYTES : 0;
        if (timestampMs != 0) {
            size += 1 + Varint.size(timestampMs);
        }
        return size;
    }

    private static int writeSample(byte[] out, int pos, long timestampMs, long valueBits) {
        out[pos++] = TIME_SERIES_SAMPLES_TAG;
        out[pos++] = (byte) sampleSize(timestampMs, valueBits);
        if (valueBits != 0) {
            out[pos++] = SAMPLE_VALUE_TAG;
            LONG_LITTLE_ENDIAN.set(out, pos, valueBits);
            pos += Long.BYTES;
        }
        if (timestampMs != 0) {
            out[pos++] = SAMPLE_TIMESTAMP_TAG;
            pos = Varint.write(out, pos, timestampMs);
        }
        return pos;
    }

    private void ensureCapacity(long needed) {
        if (needed > buffer.length) {
            if (needed > MAX_ARRAY_LENGTH) {
                throw new IllegalStateException("the batch would encode to more than " + MAX_ARRAY_LENGTH
                        + " bytes: make batches smaller");
            }
            // grow geometrically so a slowly rising request size does not copy on every call
            buffer = Arrays.copyOf(buffer, (int) Math.min(MAX_ARRAY_LENGTH, Math.max(needed, buffer.length * 2L)));
        }
    }
}
