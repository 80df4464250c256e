package io.remora.exporter.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.InvalidProtocolBufferException;
import io.remora.exporter.batch.Batch;
import io.remora.exporter.ring.SampleValues;
import io.remora.exporter.series.Label;
import io.remora.exporter.series.Series;
import io.remora.exporter.series.SeriesRegistry;
import io.remora.proto.Remote.WriteRequest;
import io.remora.proto.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WriteRequestEncoderTest {

    private static final long[] SPECIAL_VALUE_BITS = {
        0L, // +0.0: proto3 leaves it out
        Double.doubleToRawLongBits(-0.0),
        Double.doubleToRawLongBits(Double.NaN),
        SampleValues.STALE_NAN_BITS,
        0xfff8000000000001L, // negative NaN with a payload
        Double.doubleToRawLongBits(Double.POSITIVE_INFINITY),
        Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY),
        Double.doubleToRawLongBits(Double.MIN_VALUE),
        Double.doubleToRawLongBits(-Double.MIN_VALUE),
        Double.doubleToRawLongBits(Double.MAX_VALUE),
        Double.doubleToRawLongBits(-Double.MAX_VALUE),
        Double.doubleToRawLongBits(Double.MIN_NORMAL),
        Double.doubleToRawLongBits(1.0),
        Double.doubleToRawLongBits(-123.456),
    };

    private static final long[] SPECIAL_TIMESTAMPS = {
        0L, 1L, -1L, 127L, 128L, 1_700_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MAX_VALUE,
        (long) Integer.MIN_VALUE,
    };

    private final SeriesRegistry registry = new SeriesRegistry(Map.of("job", "api", "instance", "host:1"));
    private final WriteRequestEncoder encoder = new WriteRequestEncoder(16);

    @Test
    void emptyBatchIsAnEmptyRequest() {
        Batch batch = new Batch(4);

        assertEquals(0, encoder.encode(batch, registry));
        assertArrayEquals(WriteRequest.getDefaultInstance().toByteArray(), encoded());
    }

    @Test
    void oneSampleMatchesTheGeneratedClasses() throws Exception {
        Series series = registry.register("http_requests_total", "method", "GET", "code", "200");
        Batch batch = new Batch(4);
        batch.accept(series.id(), 1_700_000_000_123L, Double.doubleToRawLongBits(42.5));

        assertEncodesLikeGeneratedClasses(batch);
        Types.TimeSeries decoded = WriteRequest.parseFrom(encoded()).getTimeseries(0);
        assertEquals(List.of("__name__=http_requests_total", "code=200", "instance=host:1", "job=api",
                "method=GET"), labelsOf(decoded));
        assertEquals(1_700_000_000_123L, decoded.getSamples(0).getTimestamp());
        assertEquals(42.5, decoded.getSamples(0).getValue());
    }

    @Test
    void zeroValueAndZeroTimestampAreOmittedButNegativeZeroIsWritten() throws Exception {
        Series series = registry.register("gauge");
        Batch batch = new Batch(4);
        batch.accept(series.id(), 0L, 0L);
        batch.accept(series.id(), 5L, Double.doubleToRawLongBits(-0.0));
        batch.sortBySeriesThenTime();

        int length = encoder.encode(batch, registry);

        // request tag, one-byte TimeSeries length, labels, then the two samples: an empty one (tag and
        // zero length), and -0.0 with its sign bit set followed by timestamp 5
        byte[] samples = {0x12, 0, 0x12, 11, 0x09, 0, 0, 0, 0, 0, 0, 0, (byte) 0x80, 0x10, 5};
        assertEquals(2 + series.encodedLabels().length + samples.length, length);
        assertArrayEquals(samples, Arrays.copyOfRange(encoded(), length - samples.length, length));
        assertEncodesLikeGeneratedClasses(batch);
    }

    @Test
    void staleMarkerSurvivesBitForBit() throws Exception {
        Series series = registry.register("up");
        Batch batch = new Batch(4);
        batch.accept(series.id(), 1000L, SampleValues.STALE_NAN_BITS);

        assertEncodesLikeGeneratedClasses(batch);
        double value = WriteRequest.parseFrom(encoded()).getTimeseries(0).getSamples(0).getValue();
        assertEquals(SampleValues.STALE_NAN_BITS, Double.doubleToRawLongBits(value));
    }

    @Test
    void eachSeriesRunBecomesOneTimeSeriesInTimeOrder() throws Exception {
        Series a = registry.register("a_total");
        Series b = registry.register("b_total", "k", "v");
        Batch batch = new Batch(8);
        batch.accept(b.id(), 30L, Double.doubleToRawLongBits(3));
        batch.accept(a.id(), 20L, Double.doubleToRawLongBits(2));
        batch.accept(b.id(), 10L, Double.doubleToRawLongBits(1));
        batch.accept(a.id(), 10L, Double.doubleToRawLongBits(1));
        batch.sortBySeriesThenTime();

        assertEncodesLikeGeneratedClasses(batch);
        WriteRequest decoded = WriteRequest.parseFrom(encoded());
        assertEquals(2, decoded.getTimeseriesCount());
        assertEquals(List.of("__name__=a_total", "instance=host:1", "job=api"),
                labelsOf(decoded.getTimeseries(0)));
        assertEquals(List.of(10L, 20L), timestampsOf(decoded.getTimeseries(0)));
        assertEquals(List.of("__name__=b_total", "instance=host:1", "job=api", "k=v"),
                labelsOf(decoded.getTimeseries(1)));
        assertEquals(List.of(10L, 30L), timestampsOf(decoded.getTimeseries(1)));
    }

    @Test
    void bufferIsReusedForSmallerRequests() {
        Series series = registry.register("reuse", "value", "x".repeat(5000));
        Batch big = new Batch(100);
        for (int i = 0; i < 100; i++) {
            big.accept(series.id(), i + 1, Double.doubleToRawLongBits(i));
        }
        encoder.encode(big, registry);
        byte[] grown = encoder.buffer();
        Batch small = new Batch(1);
        small.accept(series.id(), 1, Double.doubleToRawLongBits(1));

        int length = encoder.encode(small, registry);

        assertSame(grown, encoder.buffer());
        assertEquals(length, encoder.length());
        assertArrayEquals(generatedRequest(small).toByteArray(), encoded());
    }

    @Test
    void unknownSeriesIsRefusedWithItsId() {
        Batch batch = new Batch(1);
        batch.accept(12345, 1L, 0L);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> encoder.encode(batch, registry));
        assertEquals("batch holds a sample of series id 12345, which the registry does not know", e.getMessage());
    }

    @Test
    void randomRequestsMatchTheGeneratedClasses() throws Exception {
        Random random = new Random(20240611L);
        for (int round = 0; round < 300; round++) {
            SeriesRegistry roundRegistry = new SeriesRegistry(Map.of("job", "job-" + round));
            List<Series> series = new ArrayList<>();
            int seriesCount = 1 + random.nextInt(round % 10 == 0 ? 200 : 12);
            for (int s = 0; s < seriesCount; s++) {
                series.add(roundRegistry.register("metric_" + s + "_" + round, randomLabels(random)));
            }
            int samples = random.nextInt(round % 7 == 0 ? 3000 : 60);
            Batch batch = new Batch(Math.max(1, samples));
            for (int i = 0; i < samples; i++) {
                Series chosen = series.get(random.nextInt(series.size()));
                batch.accept(chosen.id(), randomTimestamp(random), randomValueBits(random));
            }
            batch.sortBySeriesThenTime();

            int length = encoder.encode(batch, roundRegistry);

            WriteRequest expected = generatedRequest(batch, roundRegistry);
            assertArrayEquals(expected.toByteArray(), encoded(), "round " + round);
            assertEquals(expected.getSerializedSize(), length);
            assertDecodesTo(batch, roundRegistry, WriteRequest.parseFrom(encoded()));
        }
    }

    private static List<Label> randomLabels(Random random) {
        int count = random.nextInt(10) == 0 ? 100 + random.nextInt(150) : random.nextInt(10);
        List<Label> labels = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            labels.add(new Label(randomName(random) + "_" + i, randomValue(random)));
        }
        return labels;
    }

    private static String randomName(Random random) {
        String first = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        String rest = first + "0123456789_";
        StringBuilder name = new StringBuilder().append(first.charAt(random.nextInt(first.length())));
        for (int i = random.nextInt(30); i > 0; i--) {
            name.append(rest.charAt(random.nextInt(rest.length())));
        }
        return name.toString();
    }

    private static String randomValue(Random random) {
        String[] pieces = {"a", "Z", "9", " ", "/", "\"", "\\", "\n", "é", "ß", "日本", "€", "😀", "\u0000", "𝄞"};
        int length = random.nextInt(8) == 0 ? random.nextInt(3000) : random.nextInt(40);
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < length; i++) {
            value.append(pieces[random.nextInt(pieces.length)]);
        }
        return value.toString();
    }

    private static long randomTimestamp(Random random) {
        switch (random.nextInt(3)) {
            case 0:
                return SPECIAL_TIMESTAMPS[random.nextInt(SPECIAL_TIMESTAMPS.length)];
            case 1:
                return 1_700_000_000_000L + random.nextInt(1_000_000);
            default:
                return random.nextLong();
        }
    }

    private static long randomValueBits(Random random) {
        switch (random.nextInt(4)) {
            case 0:
                return SPECIAL_VALUE_BITS[random.nextInt(SPECIAL_VALUE_BITS.length)];
            case 1:
                return Double.doubleToRawLongBits(random.nextInt(1000) - 500);
            case 2:
                return Double.doubleToRawLongBits(random.nextGaussian() * 1e6);
            default:
                return random.nextLong(); // any pattern, NaN payloads and subnormals included
        }
    }

    private void assertEncodesLikeGeneratedClasses(Batch batch) throws InvalidProtocolBufferException {
        int length = encoder.encode(batch, registry);
        WriteRequest expected = generatedRequest(batch);
        assertArrayEquals(expected.toByteArray(), encoded());
        assertEquals(expected.getSerializedSize(), length);
        assertDecodesTo(batch, registry, WriteRequest.parseFrom(encoded()));
    }

    /** Checks the decoded request sample by sample, values by their raw bits. */
    private static void assertDecodesTo(Batch batch, SeriesRegistry registry, WriteRequest decoded) {
        int sample = 0;
        for (Types.TimeSeries timeSeries : decoded.getTimeseriesList()) {
            Series series = registry.byId(batch.seriesId(sample));
            assertEquals(labelsOf(series), labelsOf(timeSeries));
            for (Types.Sample decodedSample : timeSeries.getSamplesList()) {
                assertEquals(series.id(), batch.seriesId(sample));
                assertEquals(batch.timestampMs(sample), decodedSample.getTimestamp());
                assertEquals(batch.valueBits(sample), Double.doubleToRawLongBits(decodedSample.getValue()));
                sample++;
            }
        }
        assertEquals(batch.size(), sample);
    }

    private WriteRequest generatedRequest(Batch batch) {
        return generatedRequest(batch, registry);
    }

    /** The same request built the ordinary way, with the classes protoc generated. */
    private static WriteRequest generatedRequest(Batch batch, SeriesRegistry registry) {
        WriteRequest.Builder request = WriteRequest.newBuilder();
        Types.TimeSeries.Builder current = null;
        int currentId = -1;
        for (int i = 0; i < batch.size(); i++) {
            if (current == null || batch.seriesId(i) != currentId) {
                if (current != null) {
                    request.addTimeseries(current);
                }
                currentId = batch.seriesId(i);
                current = Types.TimeSeries.newBuilder();
                for (Label label : registry.byId(currentId).labels()) {
                    current.addLabels(Types.Label.newBuilder().setName(label.name()).setValue(label.value()));
                }
            }
            current.addSamples(Types.Sample.newBuilder()
                    .setTimestamp(batch.timestampMs(i))
                    .setValue(Double.longBitsToDouble(batch.valueBits(i))));
        }
        if (current != null) {
            request.addTimeseries(current);
        }
        return request.build();
    }

    private byte[] encoded() {
        return Arrays.copyOf(encoder.buffer(), encoder.length());
    }

    private static List<String> labelsOf(Series series) {
        List<String> labels = new ArrayList<>();
        for (Label label : series.labels()) {
            labels.add(label.name() + "=" + label.value());
        }
        return labels;
    }

    private static List<String> labelsOf(Types.TimeSeries timeSeries) {
        List<String> labels = new ArrayList<>();
        for (Types.Label label : timeSeries.getLabelsList()) {
            labels.add(label.getName() + "=" + label.getValue());
        }
        return labels;
    }

    private static List<Long> timestampsOf(Types.TimeSeries timeSeries) {
        List<Long> timestamps = new ArrayList<>();
        for (Types.Sample sample : timeSeries.getSamplesList()) {
            timestamps.add(sample.getTimestamp());
        }
        return timestamps;
    }
}
