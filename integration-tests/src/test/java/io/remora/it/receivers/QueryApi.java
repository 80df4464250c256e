package io.remora.it.receivers;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads a receiver back through the Prometheus HTTP API, which Prometheus and VictoriaMetrics both
 * serve, plus VictoriaMetrics' raw export. Any answer but a successful one is an exception
 * carrying the body.
 */
public final class QueryApi {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** VictoriaMetrics' export writes infinities and NaN as bare words, which are not JSON. */
    private static final Pattern BARE_NON_NUMBER = Pattern.compile("(?<=[\\[,])([+-]?Inf|NaN)(?=[,\\]])");

    private final URI base;
    private final Optional<String> flushPath;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    // timestamps come as decimal seconds: keep them exact to the millisecond
    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    public QueryApi(URI base, Optional<String> flushPath) {
        this.base = base;
        this.flushPath = flushPath;
    }

    /** {@code /api/v1/query} at the current time: the instant vector, one latest sample per series. */
    public List<SeriesSamples> instant(String promql) {
        JsonNode data = get("/api/v1/query", params("query", promql));
        return series(data, "vector");
    }

    /**
     * {@code promql} evaluated at the newest sample of the series {@code selector} matches over the
     * last hour (now, when there is none): what a dashboard showed just before a job's agent exited
     * and marked its series stale. From then on an instant query at the current time finds none.
     */
    public List<SeriesSamples> atNewestSample(String promql, String selector) {
        long newest = raw(selector, Duration.ofHours(1)).stream().flatMap(series -> series.samples().stream())
                .mapToLong(Sample::timestampMs).max().orElse(System.currentTimeMillis());
        JsonNode data = get("/api/v1/query", params("query", promql, "time", seconds(newest)));
        return series(data, "vector");
    }

    /**
     * The raw samples of {@code selector} over the last {@code window}: an instant query of a range
     * selector returns stored samples with their own timestamps (stale markers excluded).
     */
    public List<SeriesSamples> raw(String selector, Duration window) {
        JsonNode data = get("/api/v1/query", params("query", selector + "[" + window.toMillis() + "ms]"));
        return series(data, "matrix");
    }

    /** {@code /api/v1/query_range}: values evaluated at each step, not raw samples. */
    public List<SeriesSamples> range(String promql, long startMs, long endMs, Duration step) {
        JsonNode data = get("/api/v1/query_range", params("query", promql,
                "start", seconds(startMs), "end", seconds(endMs), "step", seconds(step.toMillis())));
        return series(data, "matrix");
    }

    /** {@code /api/v1/series}: the label sets matching {@code match} between the two times. */
    public List<Map<String, String>> series(String match, long startMs, long endMs) {
        JsonNode data = get("/api/v1/series", params("match[]", match, "start", seconds(startMs), "end", seconds(endMs)));
        List<Map<String, String>> result = new ArrayList<>();
        for (JsonNode labels : data) {
            result.add(labels(labels));
        }
        return result;
    }

    /** VictoriaMetrics only: {@code /api/v1/export}, every stored raw sample of the matching series. */
    public List<SeriesSamples> export(String match) {
        flush();
        String body = send(base.resolve("/api/v1/export?" + params("match[]", match)));
        List<SeriesSamples> result = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = parse(BARE_NON_NUMBER.matcher(line).replaceAll("\"$1\""));
            JsonNode timestamps = node.get("timestamps");
            JsonNode values = node.get("values");
            List<Sample> samples = new ArrayList<>();
            for (int i = 0; i < timestamps.size(); i++) {
                samples.add(new Sample(timestamps.get(i).longValue(), value(values.get(i))));
            }
            result.add(new SeriesSamples(labels(node.get("metric")), samples));
        }
        return result;
    }

    private JsonNode get(String path, String query) {
        flush();
        JsonNode response = parse(send(base.resolve(path + "?" + query)));
        if (!"success".equals(response.path("status").asText())) {
            throw new ReceiverUnavailableException(base + path + "?" + query + " answered " + response);
        }
        return response.get("data");
    }

    private List<SeriesSamples> series(JsonNode data, String expectedType) {
        String type = data.path("resultType").asText();
        if (!expectedType.equals(type)) {
            throw new ReceiverUnavailableException("expected a " + expectedType + " from " + base + " but got " + data);
        }
        List<SeriesSamples> result = new ArrayList<>();
        for (JsonNode series : data.get("result")) {
            List<Sample> samples = new ArrayList<>();
            if (series.has("value")) {
                samples.add(sample(series.get("value")));
            }
            for (JsonNode pair : series.path("values")) {
                samples.add(sample(pair));
            }
            result.add(new SeriesSamples(labels(series.get("metric")), samples));
        }
        return result;
    }

    private static Sample sample(JsonNode pair) {
        long timestampMs = pair.get(0).decimalValue().movePointRight(3).longValueExact();
        return new Sample(timestampMs, value(pair.get(1)));
    }

    /**
     * The API writes values as strings ("1.5", "NaN", "+Inf", "-Inf"); the export as numbers, and
     * VictoriaMetrics's export a staleness marker as {@code null}.
     */
    static double value(JsonNode node) {
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isNull()) {
            return Double.NaN;
        }
        String text = node.asText();
        switch (text) {
            case "NaN":
                return Double.NaN;
            case "+Inf":
            case "Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                return new BigDecimal(text).doubleValue();
        }
    }

    private static Map<String, String> labels(JsonNode metric) {
        Map<String, String> labels = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = metric.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            labels.put(field.getKey(), field.getValue().asText());
        }
        return labels;
    }

    private void flush() {
        flushPath.ifPresent(path -> send(base.resolve(path)));
    }

    private String send(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new ReceiverUnavailableException(uri + " answered HTTP " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new ReceiverUnavailableException(uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while querying " + uri, e);
        }
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new ReceiverUnavailableException(base + " answered something that is not JSON: " + body, e);
        }
    }

    private static String seconds(long millis) {
        return BigDecimal.valueOf(millis).movePointLeft(3).toPlainString();
    }

    private static String params(String... namesAndValues) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (query.length() > 0) {
                query.append('&');
            }
            query.append(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return query.toString();
    }
}
