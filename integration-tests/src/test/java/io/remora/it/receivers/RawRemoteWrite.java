package io.remora.it.receivers;

import io.remora.proto.Remote.WriteRequest;
import io.remora.proto.Types;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.xerial.snappy.Snappy;

/** A remote-write request built by hand, so the harness can be tested without the exporter. */
final class RawRemoteWrite {

    private final HttpClient http = HttpClient.newHttpClient();
    private final WriteRequest.Builder request = WriteRequest.newBuilder();

    /** {@code labels} must include {@code __name__}; they are sent sorted by name, as remote write wants. */
    RawRemoteWrite series(Map<String, String> labels, Sample... samples) {
        Types.TimeSeries.Builder series = Types.TimeSeries.newBuilder();
        new TreeMap<>(labels).forEach((name, value) ->
                series.addLabels(Types.Label.newBuilder().setName(name).setValue(value)));
        for (Sample sample : samples) {
            series.addSamples(Types.Sample.newBuilder().setTimestamp(sample.timestampMs()).setValue(sample.value()));
        }
        request.addTimeseries(series);
        return this;
    }

    /** POSTs the request and returns the HTTP status with the body. */
    String post(URI writeUrl) throws IOException, InterruptedException {
        byte[] body = Snappy.compress(request.build().toByteArray());
        HttpRequest post = HttpRequest.newBuilder(writeUrl)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-protobuf")
                .header("Content-Encoding", "snappy")
                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response = http.send(post, HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body().strip();
    }
}
