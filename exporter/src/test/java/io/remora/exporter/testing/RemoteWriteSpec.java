package io.remora.exporter.testing;

import com.google.protobuf.InvalidProtocolBufferException;
import io.remora.proto.Remote;
import io.remora.proto.Types;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.xerial.snappy.Snappy;

/**
 * The rules of Prometheus remote-write 1.0 that do not depend on earlier requests
 * (https://prometheus.io/docs/specs/remote_write_spec/). Each broken rule is reported as one line.
 */
final class RemoteWriteSpec {

    /** 2000-01-01: anything earlier is seconds, or garbage, not milliseconds. */
    static final long EARLIEST_PLAUSIBLE_MS = 946_684_800_000L;
    /** A day ahead of now: anything later is micro- or nanoseconds. */
    static final long LATEST_AHEAD_MS = 86_400_000L;

    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Map<String, String> REQUIRED_HEADERS = Map.of(
            "Content-Encoding", "snappy",
            "Content-Type", "application/x-protobuf",
            "X-Prometheus-Remote-Write-Version", "0.1.0");

    private RemoteWriteSpec() {
    }

    /** Checks the headers, decompresses and parses the body; null when it cannot be read. */
    static Remote.WriteRequest decode(String method, Map<String, List<String>> headers, byte[] body,
            Consumer<String> violation) {
        if (!method.equals("POST")) {
            violation.accept("method " + method + " instead of POST");
        }
        REQUIRED_HEADERS.forEach((name, expected) -> checkHeader(headers, name, expected, violation));
        List<String> agents = headers.getOrDefault("User-Agent", List.of());
        if (agents.size() != 1 || agents.get(0).isBlank()) {
            violation.accept("User-Agent must be sent once, got " + agents);
        }
        byte[] raw;
        try {
            raw = Snappy.uncompress(body);
        } catch (IOException e) {
            violation.accept("body is not snappy block-compressed: " + e.getMessage());
            return null;
        }
        try {
            return Remote.WriteRequest.parseFrom(raw);
        } catch (InvalidProtocolBufferException e) {
            violation.accept("body is not a WriteRequest: " + e.getMessage());
            return null;
        }
    }

    /** Labels present, sorted by name, unique, valid and non-empty; samples present with ms timestamps. */
    static void checkSeries(Types.TimeSeries series, long nowMs, Consumer<String> violation) {
        String key = RemoteWriteReceiver.seriesKey(series.getLabelsList());
        boolean hasName = false;
        String previous = null;
        for (Types.Label label : series.getLabelsList()) {
            String name = label.getName();
            if (name.equals("__name__")) {
                hasName = true;
                if (!METRIC_NAME.matcher(label.getValue()).matches()) {
                    violation.accept(key + ": invalid metric name '" + label.getValue() + "'");
                }
            } else if (!LABEL_NAME.matcher(name).matches()) {
                violation.accept(key + ": invalid label name '" + name + "'");
            }
            if (label.getValue().isEmpty()) {
                violation.accept(key + ": label " + name + " has an empty value");
            }
            if (previous != null && previous.compareTo(name) >= 0) {
                violation.accept(key + ": label " + name + (previous.equals(name) ? " repeated" : " after " + previous
                        + ", labels must be sorted by name"));
            }
            previous = name;
        }
        if (!hasName) {
            violation.accept(key + ": no __name__ label");
        }
        if (series.getSamplesCount() == 0) {
            violation.accept(key + ": no samples");
        }
        for (Types.Sample sample : series.getSamplesList()) {
            long ts = sample.getTimestamp();
            if (ts < EARLIEST_PLAUSIBLE_MS || ts > nowMs + LATEST_AHEAD_MS) {
                violation.accept(key + ": timestamp " + ts + " is not milliseconds since the epoch");
            }
        }
    }

    private static void checkHeader(Map<String, List<String>> headers, String name, String expected,
            Consumer<String> violation) {
        List<String> values = headers.getOrDefault(name, List.of());
        if (!values.equals(List.of(expected))) {
            violation.accept(name + " must be exactly '" + expected + "', got " + values);
        }
    }
}
