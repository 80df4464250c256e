package io.remora.agent.instrument.clientjava;

import io.remora.agent.instrument.ApplicationSamples;
import io.remora.agent.collect.PeriodicCollector;
import io.remora.agent.collect.MetricWriter;
import io.remora.log.Log;
import io.remora.exporter.series.InvalidSeriesException;
import io.remora.exporter.series.Series;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Each interval, on the agent's thread, every sample of the default registries of Prometheus
 * client_java 1.x and 0.x among the registries found ({@link io.remora.bootstrap.AppRegistries}),
 * under the names, labels and values the application's own text exposition shows ({@link ModelApi},
 * {@link SimpleclientApi}). Collectors are read one by one: one that throws (a callback gauge's
 * function, a broken custom collector) is left out while it is registered, said once, and the
 * others are read on; a copy of client_java too different to read is said once and skipped. A
 * series that is also one of Remora's own keeps the application's value ({@link ApplicationSamples}).
 */
final class ClientJavaCollector implements PeriodicCollector {

    private static final Object REFUSED = new Object();

    private final Supplier<Iterator<WeakReference<Object>>> registries;
    /** Series by name and labels ({@link #key}), kept from one round to the next for those still written. */
    private Map<String, Object> seriesByKey = new HashMap<>();
    /** Collectors that threw, left out while they are registered. */
    private Map<Object, Boolean> failed = new IdentityHashMap<>();
    private final Set<String> reported = new HashSet<>();

    /** @param registries the registries found so far, weakly held; the collector removes those collected */
    ClientJavaCollector(Supplier<Iterator<WeakReference<Object>>> registries) {
        this.registries = registries;
    }

    @Override
    public void collect(MetricWriter writer, long timestampMs) {
        Round round = new Round(writer, timestampMs);
        for (Iterator<WeakReference<Object>> it = registries.get(); it.hasNext(); ) {
            Object registry = it.next().get();
            if (registry == null) {
                it.remove();
                continue;
            }
            ClientJavaApi api;
            List<Object> collectors;
            try {
                api = ClientJavaApi.of(registry);
                if (api == null || !api.isDefault(registry)) {
                    continue;
                }
                collectors = api.collectors(registry);
            } catch (RuntimeException | LinkageError e) {
                if (reported.add("registry " + registry.getClass().getName())) {
                    Log.warn("client_java registry " + registry.getClass().getName() + " cannot be read (" + e
                            + "); its metrics are left out");
                }
                continue;
            }
            for (Object collector : collectors) {
                round.collector(api, collector);
            }
        }
        seriesByKey = round.nextSeries;
        failed = round.nextFailed;
    }

    /** One collection round: what it writes, and the series and failed collectors it saw, for the next round. */
    private final class Round implements ClientJavaApi.Samples {
        private final MetricWriter writer;
        private final ApplicationSamples samples;
        private final Map<String, Object> nextSeries = new HashMap<>();
        private final Map<Object, Boolean> nextFailed = new IdentityHashMap<>();

        Round(MetricWriter writer, long timestampMs) {
            this.writer = writer;
            this.samples = new ApplicationSamples(writer, timestampMs, "client_java's", reported);
        }

        /** One collector, alone: what it throws leaves it out from now on, and the others are read on. */
        void collector(ClientJavaApi api, Object collector) {
            if (failed.containsKey(collector)) {
                nextFailed.put(collector, Boolean.TRUE);
                return;
            }
            try {
                api.collect(collector, this);
            } catch (RuntimeException | LinkageError e) {
                nextFailed.put(collector, Boolean.TRUE);
                Log.warn(api.library() + " collector " + collector.getClass().getName() + " could not be read (" + e
                        + "); it is left out");
            }
        }

        @Override
        public void sample(String name, String[] labels, double value) {
            String key = key(name, labels);
            Object series = nextSeries.get(key);
            if (series == null) {
                series = seriesByKey.get(key);
                if (series == null) {
                    try {
                        series = writer.series(name, labels);
                    } catch (InvalidSeriesException e) {
                        series = REFUSED; // counted and logged by the exporter, once
                    }
                }
                nextSeries.put(key, series);
            }
            samples.write(series == REFUSED ? null : (Series) series, value);
        }
    }

    private static String key(String name, String[] labels) {
        StringBuilder key = new StringBuilder(name);
        for (String part : labels) {
            key.append('\u0000').append(part);
        }
        return key.toString();
    }
}
