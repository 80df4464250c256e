package io.remora.benchmarks;

import io.remora.exporter.batch.Batch;
import io.remora.exporter.compress.NativeSnappyCompressor;
import io.remora.exporter.compress.PureJavaSnappyCompressor;
import io.remora.exporter.compress.SnappyCompressor;
import io.remora.exporter.encode.WriteRequestEncoder;
import io.remora.exporter.series.Label;
import io.remora.exporter.series.Series;
import io.remora.exporter.series.SeriesRegistry;
import io.remora.proto.Remote.WriteRequest;
import io.remora.proto.Types;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.xerial.snappy.Snappy;

/**
 * 10,000 series with one sample each, from drained samples to snappy bytes, sent as requests of
 * {@code batchSamples} samples. Remora's path (fill the batch, sort, stream-encode, compress into
 * reused arrays) against the usual one (build the request from protoc's classes,
 * {@code toByteArray()}, snappy-java), in the same run. Scores are per sample. The request size
 * that wins here is the default of {@code remora.batch.max-samples}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(EncodeBenchmark.SAMPLES)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class EncodeBenchmark {

    static final int SAMPLES = 10_000;

    @Param({"10000", "2000", "500"})
    public int batchSamples;

    private SeriesRegistry registry;
    private Series[] arrivalOrder;
    private long[] valueBits;
    private long timestampMs;

    private Batch batch;
    private WriteRequestEncoder encoder;
    private SnappyCompressor nativeSnappy;
    private SnappyCompressor pureJavaSnappy;
    private byte[] compressed;
    private int firstRequestLength;
    private List<Types.TimeSeries> cachedLabelsSeries;

    @Setup
    public void setUp() {
        registry = RealisticSeries.registry();
        Series[] series = RealisticSeries.register(registry, SAMPLES, 42);
        // samples leave the ring shard by shard, not by series id: the batch starts out of order
        List<Series> shuffled = new ArrayList<>(List.of(series));
        Collections.shuffle(shuffled, new Random(7));
        arrivalOrder = shuffled.toArray(new Series[0]);
        Random random = new Random(9);
        valueBits = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            double value = random.nextBoolean() ? random.nextInt(1_000_000) : random.nextDouble() * 1e3;
            valueBits[i] = Double.doubleToRawLongBits(value);
        }
        timestampMs = 1_718_000_000_000L;

        batch = new Batch(batchSamples);
        encoder = new WriteRequestEncoder();
        nativeSnappy = new NativeSnappyCompressor();
        pureJavaSnappy = new PureJavaSnappyCompressor();
        cachedLabelsSeries = new ArrayList<>(SAMPLES);
        for (Series s : arrivalOrder) {
            cachedLabelsSeries.add(Types.TimeSeries.newBuilder().addAllLabels(protoLabels(s)).build());
        }
        firstRequestLength = remoraEncode(0);
        int encodedLength = firstRequestLength;
        compressed = new byte[Math.max(nativeSnappy.maxCompressedLength(encodedLength),
                pureJavaSnappy.maxCompressedLength(encodedLength))];
    }

    /** Remora's path with snappy-java's native compressor. */
    @Benchmark
    public int remora() {
        return remoraRequests(nativeSnappy);
    }

    /** Remora's path where the native library cannot load. */
    @Benchmark
    public int remoraPureJavaSnappy() {
        return remoraRequests(pureJavaSnappy);
    }

    /** Remora's path up to the encoded requests, without compression. */
    @Benchmark
    public int remoraEncodeOnly() {
        int bytes = 0;
        for (int start = 0; start < SAMPLES; start += batchSamples) {
            bytes += remoraEncode(start);
        }
        return bytes;
    }

    /** The usual path: each request built from protoc's classes, label strings and all, each time. */
    @Benchmark
    public int generated() throws IOException {
        int bytes = 0;
        for (int start = 0; start < SAMPLES; start += batchSamples) {
            WriteRequest.Builder request = WriteRequest.newBuilder();
            for (int i = start; i < end(start); i++) {
                request.addTimeseries(Types.TimeSeries.newBuilder()
                        .addAllLabels(protoLabels(arrivalOrder[i]))
                        .addSamples(sample(i)));
            }
            bytes += Snappy.compress(request.build().toByteArray()).length;
        }
        return bytes;
    }

    /** The usual path, with each series' Label messages built once and kept. */
    @Benchmark
    public int generatedCachedLabels() throws IOException {
        int bytes = 0;
        for (int start = 0; start < SAMPLES; start += batchSamples) {
            WriteRequest.Builder request = WriteRequest.newBuilder();
            for (int i = start; i < end(start); i++) {
                request.addTimeseries(cachedLabelsSeries.get(i).toBuilder().addSamples(sample(i)));
            }
            bytes += Snappy.compress(request.build().toByteArray()).length;
        }
        return bytes;
    }

    /** Only the compression of an encoded request, native. */
    @Benchmark
    public int compressNative() {
        return compressFirstRequestPerBatch(nativeSnappy);
    }

    /** Only the compression of an encoded request, pure Java. */
    @Benchmark
    public int compressPureJava() {
        return compressFirstRequestPerBatch(pureJavaSnappy);
    }

    /** Compresses the request encoded in setUp once per request of the run, for a per-sample score. */
    private int compressFirstRequestPerBatch(SnappyCompressor snappy) {
        int bytes = 0;
        for (int start = 0; start < SAMPLES; start += batchSamples) {
            bytes += snappy.compress(encoder.buffer(), 0, firstRequestLength, compressed, 0);
        }
        return bytes;
    }

    private int remoraRequests(SnappyCompressor snappy) {
        int bytes = 0;
        for (int start = 0; start < SAMPLES; start += batchSamples) {
            int length = remoraEncode(start);
            bytes += snappy.compress(encoder.buffer(), 0, length, compressed, 0);
        }
        return bytes;
    }

    /** Fills the batch with the request that starts at sample {@code start}, sorts and encodes it. */
    private int remoraEncode(int start) {
        batch.clear();
        for (int i = start; i < end(start); i++) {
            batch.accept(arrivalOrder[i].id(), timestampMs, valueBits[i]);
        }
        batch.sortBySeriesThenTime();
        return encoder.encode(batch, registry);
    }

    private int end(int start) {
        return Math.min(SAMPLES, start + batchSamples);
    }

    private Types.Sample.Builder sample(int i) {
        return Types.Sample.newBuilder()
                .setTimestamp(timestampMs)
                .setValue(Double.longBitsToDouble(valueBits[i]));
    }

    private static List<Types.Label> protoLabels(Series series) {
        List<Types.Label> labels = new ArrayList<>(series.labels().size());
        for (Label label : series.labels()) {
            labels.add(Types.Label.newBuilder().setName(label.name()).setValue(label.value()).build());
        }
        return labels;
    }
}
