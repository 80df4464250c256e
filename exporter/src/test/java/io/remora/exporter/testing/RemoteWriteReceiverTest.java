package io.remora.exporter.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.proto.Remote;
import io.remora.proto.Types;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

/** The receiver's checks must catch what they claim to, or tests asserting "no violations" prove nothing. */
class RemoteWriteReceiverTest {

    private static final long T0 = 1_700_000_000_000L;

    private final RemoteWriteReceiver receiver = RemoteWriteReceiver.start();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void stop() {
        receiver.close();
    }

    private static Types.Label label(String name, String value) {
        return Types.Label.newBuilder().setName(name).setValue(value).build();
    }

    private static Types.TimeSeries series(List<Types.Label> labels, long... timestamps) {
        Types.TimeSeries.Builder series = Types.TimeSeries.newBuilder().addAllLabels(labels);
        for (long ts : timestamps) {
            series.addSamples(Types.Sample.newBuilder().setTimestamp(ts).setValue(1));
        }
        return series.build();
    }

    private static Types.TimeSeries good(long... timestamps) {
        return series(List.of(label("__name__", "up"), label("job", "a")), timestamps);
    }

    private HttpResponse<String> post(byte[] body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(receiver.url()).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> write(Types.TimeSeries... series) throws IOException, InterruptedException {
        Remote.WriteRequest.Builder request = Remote.WriteRequest.newBuilder();
        for (Types.TimeSeries s : series) {
            request.addTimeseries(s);
        }
        return post(Snappy.compress(request.build().toByteArray()),
                "Content-Encoding", "snappy", "Content-Type", "application/x-protobuf",
                "X-Prometheus-Remote-Write-Version", "0.1.0", "User-Agent", "test/1");
    }

    private void assertOneViolation(String expected) {
        List<String> violations = receiver.violations();
        assertEquals(1, violations.size(), violations.toString());
        assertTrue(violations.get(0).contains(expected), violations.toString());
    }

    @Test
    void acceptsAGoodRequestAndRecordsItsSamples() throws Exception {
        assertEquals(204, write(good(T0, T0 + 1000)).statusCode());
        assertEquals(List.of(), receiver.violations());
        assertEquals(2, receiver.samples("up{job=\"a\"}").size());
        assertEquals(2, receiver.attempts().get(0).sampleCount());
    }

    @Test
    void missingHeadersAreViolations() throws Exception {
        post(Snappy.compress(Remote.WriteRequest.newBuilder().addTimeseries(good(T0)).build().toByteArray()));
        List<String> violations = receiver.violations();
        // the JDK client always sends its own User-Agent, so only the three protocol headers are missing
        assertEquals(3, violations.size(), violations.toString());
        assertTrue(violations.stream().anyMatch(v -> v.contains("X-Prometheus-Remote-Write-Version")), violations.toString());
    }

    @Test
    void uncompressedBodyIsAViolation() throws Exception {
        post(Remote.WriteRequest.newBuilder().addTimeseries(good(T0)).build().toByteArray(),
                "Content-Encoding", "snappy", "Content-Type", "application/x-protobuf",
                "X-Prometheus-Remote-Write-Version", "0.1.0", "User-Agent", "test/1");
        assertOneViolation("snappy");
    }

    @Test
    void unsortedLabelsAreAViolation() throws Exception {
        write(series(List.of(label("__name__", "up"), label("zone", "z"), label("job", "a")), T0));
        assertOneViolation("sorted");
    }

    @Test
    void repeatedLabelIsAViolation() throws Exception {
        write(series(List.of(label("__name__", "up"), label("job", "a"), label("job", "b")), T0));
        assertOneViolation("repeated");
    }

    @Test
    void missingNameIsAViolation() throws Exception {
        write(series(List.of(label("job", "a")), T0));
        assertOneViolation("no __name__");
    }

    @Test
    void emptyLabelValueIsAViolation() throws Exception {
        write(series(List.of(label("__name__", "up"), label("job", "")), T0));
        assertOneViolation("empty value");
    }

    @Test
    void secondsOrNanosecondsAreViolations() throws Exception {
        write(good(T0 / 1000));
        write(good(T0 * 1_000_000));
        assertEquals(2, receiver.violations().size(), receiver.violations().toString());
    }

    @Test
    void outOfOrderWithinARequestIsAViolation() throws Exception {
        write(good(T0 + 1000, T0));
        assertOneViolation("not after");
    }

    @Test
    void outOfOrderAcrossAcceptedRequestsIsAViolation() throws Exception {
        write(good(T0, T0 + 1000));
        write(good(T0 + 1000));
        assertOneViolation("attempt 1: up{job=\"a\"}: timestamp " + (T0 + 1000) + " is not after");
    }

    @Test
    void aRefusedRequestMayBeSentAgain() throws Exception {
        receiver.enqueue(ScriptedResponse.status(500, "busy"));
        HttpResponse<String> refused = write(good(T0));
        assertEquals(500, refused.statusCode());
        assertEquals("busy", refused.body());
        write(good(T0));
        assertEquals(List.of(), receiver.violations());
        assertEquals(1, receiver.samples("up{job=\"a\"}").size());
    }

    @Test
    void scriptedAnswers() throws Exception {
        receiver.enqueue(ScriptedResponse.tooManyRequests("3"), ScriptedResponse.reset());
        receiver.respondByDefault(ScriptedResponse.status(200).delayedBy(Duration.ofMillis(100)));

        HttpResponse<String> throttled = write(good(T0));
        assertEquals(429, throttled.statusCode());
        assertEquals("3", throttled.headers().firstValue("Retry-After").orElse(null));
        assertThrows(IOException.class, () -> write(good(T0)));
        long start = System.nanoTime();
        assertEquals(200, write(good(T0)).statusCode());
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(100).toNanos());
        assertEquals(3, receiver.attempts().size());
    }

    @Test
    void stopsAndResumesListeningOnTheSamePort() throws Exception {
        int port = receiver.port();
        receiver.stopListening();
        assertThrows(ConnectException.class, () -> write(good(T0)));
        receiver.resumeListening();
        assertEquals(204, write(good(T0)).statusCode());
        assertEquals(port, receiver.url().getPort());
    }
}
