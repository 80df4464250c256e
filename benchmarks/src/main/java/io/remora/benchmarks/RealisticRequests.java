package io.remora.benchmarks;

import io.remora.exporter.batch.Batch;
import io.remora.exporter.compress.SnappyCompressor;
import io.remora.exporter.compress.SnappyCompressors;
import io.remora.exporter.encode.WriteRequestEncoder;
import io.remora.exporter.series.Series;
import io.remora.exporter.series.SeriesRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Compressed remote-write requests as the exporter builds them: {@link RealisticSeries} sampled at
 * a fixed interval, each interval's samples cut into batches of {@code batchSamples}, sorted,
 * stream-encoded and snappy-compressed by the exporter's own classes.
 */
final class RealisticRequests {

    final List<byte[]> bodies = new ArrayList<>();
    final List<Integer> samples = new ArrayList<>();
    final List<Long> oldest = new ArrayList<>();
    final List<Long> newest = new ArrayList<>();
    long totalSamples;
    long totalBytes;

    private RealisticRequests() {
    }

    /** {@code intervals} rounds of one sample for each of {@code seriesCount} series, from {@code firstMs} on. */
    static RealisticRequests build(int seriesCount, int intervals, long firstMs, long intervalMs, int batchSamples) {
        SeriesRegistry registry = RealisticSeries.registry();
        Series[] series = RealisticSeries.register(registry, seriesCount, 42);
        Random random = new Random(9);
        Batch batch = new Batch(batchSamples);
        WriteRequestEncoder encoder = new WriteRequestEncoder();
        SnappyCompressor snappy = SnappyCompressors.system().create();
        double[] values = new double[seriesCount];
        RealisticRequests requests = new RealisticRequests();
        for (int round = 0; round < intervals; round++) {
            long timestamp = firstMs + round * intervalMs;
            for (int start = 0; start < seriesCount; start += batchSamples) {
                batch.clear();
                for (int i = start; i < Math.min(seriesCount, start + batchSamples); i++) {
                    values[i] += random.nextInt(100); // counters mostly: they only go up
                    batch.accept(series[i].id(), timestamp, Double.doubleToRawLongBits(values[i]));
                }
                batch.sortBySeriesThenTime();
                int length = encoder.encode(batch, registry);
                byte[] compressed = new byte[snappy.maxCompressedLength(length)];
                int compressedLength = snappy.compress(encoder.buffer(), 0, length, compressed, 0);
                requests.add(Arrays.copyOf(compressed, compressedLength), batch.size(), timestamp);
            }
        }
        return requests;
    }

    private void add(byte[] body, int sampleCount, long timestamp) {
        bodies.add(body);
        samples.add(sampleCount);
        oldest.add(timestamp);
        newest.add(timestamp);
        totalSamples += sampleCount;
        totalBytes += body.length;
    }

    int size() {
        return bodies.size();
    }
}
