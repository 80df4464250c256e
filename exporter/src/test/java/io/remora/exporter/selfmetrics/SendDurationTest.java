package io.remora.exporter.selfmetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.remora.exporter.testing.SelfMetricsReport;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code remora_send_duration_seconds}: the bootstrap histogram, its series as they always were. */
class SendDurationTest {

    @Test
    void attemptsAreCountedIntoCumulativeBucketsWithTheirSum() {
        SelfMetrics self = new SelfMetrics();
        EndpointMetrics endpoint = self.endpoint("localhost:9090");
        endpoint.attemptDuration(3_000_000L);
        endpoint.attemptDuration(30_000_000L);
        endpoint.attemptDuration(20_000_000_000L);

        Map<String, Double> written = SelfMetricsReport.values(self, 1000L);

        String[] bounds = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0", "+Inf"};
        double[] cumulative = {1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 3};
        Map<String, Double> expected = new LinkedHashMap<>();
        for (int i = 0; i < bounds.length; i++) {
            expected.put("remora_send_duration_seconds_bucket{endpoint=\"localhost:9090\",le=\"" + bounds[i] + "\"}",
                    cumulative[i]);
        }
        expected.put("remora_send_duration_seconds_sum{endpoint=\"localhost:9090\"}", 20.033);
        expected.put("remora_send_duration_seconds_count{endpoint=\"localhost:9090\"}", 3.0);
        written.keySet().removeIf(series -> !series.startsWith("remora_send_duration_seconds"));
        assertEquals(expected.keySet(), written.keySet());
        expected.forEach((series, value) -> assertEquals(value, written.get(series), 1e-9, series));
    }
}
