package io.remora.demo;

import io.remora.it.receivers.QueryApi;
import io.remora.it.receivers.SeriesSamples;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Prints what a Prometheus holds for one job, read back through its query API: each metric
 * family with its series count and the latest value of each series, as they stood at the job's
 * newest sample; a histogram's _bucket, _sum and _count series are one family, shown one line per
 * label set.
 */
public final class ArrivedReport {

    private static final Set<String> HIDDEN_LABELS = Set.of("__name__", "job", "instance", "le");
    /** Families such as per-pool memory have many series; a few show what arrived. */
    private static final int SERIES_SHOWN_PER_FAMILY = 4;

    private ArrivedReport() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: ArrivedReport PROMETHEUS_URL JOB");
            System.exit(2);
        }
        URI base = URI.create(args[0]);
        String job = args[1];
        String everything = "{job=\"" + job + "\"}";
        // at the job's last sample: the agent marks its series stale when the application exits
        List<SeriesSamples> latest = new QueryApi(base, Optional.empty()).atNewestSample(everything, everything);
        if (latest.isEmpty()) {
            System.out.println("Nothing arrived in Prometheus for job=\"" + job + "\".");
            System.exit(1);
        }
        Set<String> histograms = latest.stream()
                .filter(series -> series.name().endsWith("_bucket"))
                .map(series -> series.name().substring(0, series.name().length() - "_bucket".length()))
                .collect(Collectors.toSet());
        Map<String, List<SeriesSamples>> families = latest.stream().collect(
                Collectors.groupingBy(series -> family(series.name(), histograms), TreeMap::new, Collectors.toList()));

        System.out.printf("Arrived for job=\"%s\", instance=\"%s\": %d families, %d series%n",
                job, latest.get(0).labels().get("instance"), families.size(), latest.size());
        families.forEach((family, series) -> {
            boolean histogram = histograms.contains(family);
            System.out.printf("  %s (%d series%s)%n", family, series.size(), histogram ? ", histogram" : "");
            if (histogram) {
                printHistogram(family, series);
            } else {
                series.stream()
                        .sorted(Comparator.comparing(ArrivedReport::labelText))
                        .limit(SERIES_SHOWN_PER_FAMILY)
                        .forEach(one -> System.out.printf("      %-50s %s%n", labelText(one), format(one.latest().value())));
                if (series.size() > SERIES_SHOWN_PER_FAMILY) {
                    System.out.printf("      ... and %d more%n", series.size() - SERIES_SHOWN_PER_FAMILY);
                }
            }
        });
    }

    /** One line per label set: count, sum and the cumulative bucket counts in bound order. */
    private static void printHistogram(String family, List<SeriesSamples> series) {
        Map<String, List<SeriesSamples>> byLabels = series.stream()
                .collect(Collectors.groupingBy(ArrivedReport::labelText, TreeMap::new, Collectors.toList()));
        byLabels.forEach((labels, parts) -> {
            StringBuilder line = new StringBuilder("      ").append(labels).append(' ');
            for (String suffix : List.of("_count", "_sum")) {
                parts.stream().filter(part -> part.name().equals(family + suffix)).forEach(part ->
                        line.append(suffix.substring(1)).append('=').append(format(part.latest().value())).append(' '));
            }
            line.append("| le");
            parts.stream()
                    .filter(part -> part.name().equals(family + "_bucket"))
                    .sorted(Comparator.comparingDouble(part -> bound(part.labels().get("le"))))
                    .forEach(part -> line.append(' ').append(part.labels().get("le")).append(':')
                            .append(format(part.latest().value())));
            System.out.println(line);
        });
    }

    private static String family(String name, Set<String> histograms) {
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (name.endsWith(suffix) && histograms.contains(name.substring(0, name.length() - suffix.length()))) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    private static String labelText(SeriesSamples series) {
        String labels = series.labels().entrySet().stream()
                .filter(label -> !HIDDEN_LABELS.contains(label.getKey()))
                .map(label -> label.getKey() + "=\"" + label.getValue() + "\"")
                .collect(Collectors.joining(","));
        return "{" + labels + "}";
    }

    private static double bound(String le) {
        return le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
    }

    private static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format("%.4g", value);
    }
}
