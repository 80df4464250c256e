package io.remora.agent.instrument;

import io.remora.agent.collect.MetricWriter;
import io.remora.log.Log;
import io.remora.exporter.series.Series;
import java.util.HashSet;
import java.util.Set;

/**
 * What a bridge of the application's own meters writes in one collection round: each series once,
 * the first value given for it (the same meter in two registries), and a series that is also one
 * of Remora's own (a pool or log counter Remora measures under the same name and labels, a JVM
 * metric the application exports too) settled for the application: in the round the bridge first
 * finds it, Remora's value alone is sent (the bridges' collectors run after Remora's, and two values
 * at one timestamp would make the receiver refuse the request); from the next round on the
 * application's, Remora's own writes dropped ({@link MetricWriter#yieldToApplication}), so that what
 * arrives is what the application's own page shows. Said once per series name, at debug level.
 */
public final class ApplicationSamples {

    private final MetricWriter writer;
    private final long timestampMs;
    private final String bridge;
    private final Set<String> reported;
    private final Set<Series> written = new HashSet<>();

    /**
     * @param bridge who found the series, for the log: {@code "Micrometer's"}
     * @param reported the collisions already said, kept by the bridge from round to round
     */
    public ApplicationSamples(MetricWriter writer, long timestampMs, String bridge, Set<String> reported) {
        this.writer = writer;
        this.timestampMs = timestampMs;
        this.bridge = bridge;
        this.reported = reported;
    }

    /** @param series null where the exporter refused it (counted there): nothing is written */
    public void write(Series series, double value) {
        if (series == null || written.contains(series)) {
            return;
        }
        if (writer.writtenThisRound(series)) {
            writer.yieldToApplication(series);
            if (reported.add("collision " + series.name())) {
                Log.debug(bridge + " " + series + " is also one of Remora's own series: the application's value is sent");
            }
            return;
        }
        writer.recordApplication(series, timestampMs, value);
        written.add(series);
    }
}
