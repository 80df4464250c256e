package io.remora.agent.collect;

import io.remora.log.Log;
import java.util.ArrayList;
import java.util.List;

/**
 * Collectors polled together, each on its own: one that throws is logged once with the reason,
 * closed and switched off, and the others keep going. Used by the agent thread only (the shutdown
 * hook's last round runs after it, never beside it).
 */
public final class CollectorSet implements AutoCloseable {

    private final String kind;
    private final List<String> names = new ArrayList<>();
    private final List<PeriodicCollector> collectors = new ArrayList<>();

    /** @param kind what the log calls them: {@code jvm collector}, {@code instrumentation collector} */
    public CollectorSet(String kind) {
        this.kind = kind;
    }

    public void add(String name, PeriodicCollector collector) {
        names.add(name);
        collectors.add(collector);
    }

    /** The names of the collectors still running. */
    public List<String> running() {
        return new ArrayList<>(names);
    }

    /** One round: every running collector writes its values stamped with {@code timestampMs}. */
    public void collect(MetricWriter writer, long timestampMs) {
        for (int i = 0; i < collectors.size(); ) {
            try {
                collectors.get(i).collect(writer, timestampMs);
                i++;
            } catch (Throwable t) {
                String name = names.remove(i);
                Log.warn(kind + " " + name + " failed (" + t + "); switched off");
                closeQuietly(name, collectors.remove(i));
            }
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < collectors.size(); i++) {
            closeQuietly(names.get(i), collectors.get(i));
        }
        names.clear();
        collectors.clear();
    }

    private void closeQuietly(String name, PeriodicCollector collector) {
        try {
            collector.close();
        } catch (Throwable t) {
            Log.debug(kind + " " + name + " did not close cleanly: " + t);
        }
    }
}
