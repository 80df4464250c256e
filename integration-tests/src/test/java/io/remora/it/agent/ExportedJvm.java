package io.remora.it.agent;

import io.remora.it.receivers.Await;
import io.remora.it.receivers.RealReceiver;
import io.remora.it.receivers.Sample;
import io.remora.it.receivers.SeriesSamples;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** What one child JVM's agent exported to a receiver, read back through its query API. */
final class ExportedJvm {

    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration ARRIVAL_TIMEOUT = Duration.ofSeconds(30);

    private final RealReceiver receiver;
    private final long pid;
    private final String job;
    private final String instance;

    /** The agent's defaults: {@code job} is the main class, {@code instance} is {@code host:pid}. */
    ExportedJvm(RealReceiver receiver, Class<?> mainClass, long pid) {
        this.receiver = receiver;
        this.pid = pid;
        this.job = mainClass.getName();
        this.instance = localHostName() + ":" + pid;
    }

    String job() {
        return job;
    }

    String instance() {
        return instance;
    }

    /**
     * The label sets of every {@code jvm_*} and {@code process_*} series of this pid, once every one
     * of {@code names} is among them. Matched by pid alone, so that a wrong job or host shows.
     */
    List<Map<String, String>> awaitSeries(Collection<String> names) {
        String match = "{__name__=~\"jvm_.+|process_.+\",instance=~\".+:" + pid + "\"}";
        return Await.until("the series of pid " + pid + " in " + receiver, ARRIVAL_TIMEOUT, () -> {
            long now = System.currentTimeMillis();
            return receiver.query().series(match, now - WINDOW.toMillis(), now);
        }, series -> namesOf(series).containsAll(names));
    }

    /**
     * Raw samples of {@code name} for this job and instance, with {@code moreMatchers} (may be
     * empty). Without the staleness marker the agent sends after each series' last sample at its
     * exit: Prometheus leaves it out of raw samples, VictoriaMetrics returns it as a NaN.
     */
    List<SeriesSamples> raw(String name, String moreMatchers) {
        String selector = name + "{job=\"" + job + "\",instance=\"" + instance + "\""
                + (moreMatchers.isEmpty() ? "" : "," + moreMatchers) + "}";
        return receiver.query().raw(selector, WINDOW).stream().map(ExportedJvm::withoutFinalMarker)
                .collect(Collectors.toList());
    }

    private static SeriesSamples withoutFinalMarker(SeriesSamples series) {
        List<Sample> samples = series.samples();
        boolean marked = !samples.isEmpty() && Double.isNaN(samples.get(samples.size() - 1).value());
        return marked ? new SeriesSamples(series.labels(), samples.subList(0, samples.size() - 1)) : series;
    }

    private static Set<String> namesOf(List<Map<String, String>> series) {
        return series.stream().map(labels -> labels.get("__name__")).collect(Collectors.toSet());
    }

    /** The agent resolves its host the same way. */
    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            throw new AssertionError("cannot resolve the local host name the agent's instance label holds", e);
        }
    }
}
