package io.remora.exporter.send;

import io.remora.proto.Remote;
import io.remora.proto.Types;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.xerial.snappy.Snappy;

/** Compressed WriteRequests for sender tests, built with the generated classes. */
final class TestRequests {

    /** 2023-11-14T22:13:20Z: a plausible millisecond timestamp. */
    static final long T0 = 1_700_000_000_000L;

    private TestRequests() {
    }

    /** {@code name{job="test"}} with one sample per timestamp, value = index. */
    static Types.TimeSeries series(String name, long... timestamps) {
        Types.TimeSeries.Builder series = Types.TimeSeries.newBuilder()
                .addLabels(Types.Label.newBuilder().setName("__name__").setValue(name))
                .addLabels(Types.Label.newBuilder().setName("job").setValue("test"));
        for (int i = 0; i < timestamps.length; i++) {
            series.addSamples(Types.Sample.newBuilder().setTimestamp(timestamps[i]).setValue(i));
        }
        return series.build();
    }

    static byte[] compressed(Types.TimeSeries... series) {
        Remote.WriteRequest.Builder request = Remote.WriteRequest.newBuilder();
        for (Types.TimeSeries s : series) {
            request.addTimeseries(s);
        }
        try {
            return Snappy.compress(request.build().toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Request number {@code n} of a run: {@code samples} samples of one series, later than request n-1's. */
    static byte[] numbered(String name, int n, int samples) {
        long[] timestamps = new long[samples];
        for (int i = 0; i < samples; i++) {
            timestamps[i] = T0 + (long) n * samples * 1000 + i * 1000L;
        }
        return compressed(series(name, timestamps));
    }

    /** Submits request number {@code n} of {@link #numbered} with its oldest and newest timestamps. */
    static boolean submitNumbered(EndpointSender sender, String name, int n, int samples) {
        long first = T0 + (long) n * samples * 1000;
        return sender.submit(numbered(name, n, samples), samples, first, first + (samples - 1) * 1000L);
    }

    static String key(String name) {
        return name + "{job=\"test\"}";
    }
}
