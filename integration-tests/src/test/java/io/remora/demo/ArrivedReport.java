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
 * family (a histogram's _bucket, _sum and _count together) with its series count and the latest
 * value of each series.
 */
public final class ArrivedReport {

    private static final Set<String> HIDDEN_LABELS = Set.of("__name__", "job", "instance");
    private static final Comparator<SeriesSamples> BY_NAME_THEN_BUCKET = Comparator
            .comparing(SeriesSamples::name)
            .thenComparingDouble(series -> bucketBound(series.labels().get("le")))
            .thenComparing(ArrivedReport::describe);

    private ArrivedReport() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: ArrivedReport PROMETHEUS_URL JOB");
            System.exit(2);
        }
        URI base = URI.create(args[0]);
        String job = args[1];
        List<SeriesSamples> latest = new QueryApi(base, Optional.empty())
                .instant("{job=\"" + job + "\"}");
        if (latest.isEmpty()) {
            System.out.println("Nothing arrived in Prometheus for job=\"" + job + "\".");
            System.exit(1);
        }
        Map<String, List<SeriesSamples>> families = latest.stream().collect(
                Collectors.groupingBy(series -> family(series.name(), latest), TreeMap::new, Collectors.toList()));
        String instance = latest.get(0).labels().get("instance");
        System.out.printf("Arrived in Prometheus (%s) for job=\"%s\", instance=\"%s\": %d families, %d series%n",
                base, job, instance, families.size(), latest.size());
        families.forEach((family, series) -> {
            System.out.printf("  %-44s %3d series%n", family, series.size());
            series.stream()
                    .sorted(BY_NAME_THEN_BUCKET)
                    .forEach(one -> System.out.printf("      %-58s %s%n", describe(one), format(one.latest().value())));
        });
    }

    /** A histogram's _bucket, _sum and _count belong to one family, named without the suffix. */
    private static String family(String name, List<SeriesSamples> all) {
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                boolean histogram = all.stream().anyMatch(series -> series.name().equals(base + "_bucket"));
                if (histogram) {
                    return base;
                }
            }
        }
        return name;
    }

    private static String describe(SeriesSamples series) {
        String labels = series.labels().entrySet().stream()
                .filter(label -> !HIDDEN_LABELS.contains(label.getKey()))
                .map(label -> label.getKey() + "=\"" + label.getValue() + "\"")
                .collect(Collectors.joining(","));
        return series.name() + (labels.isEmpty() ? "" : "{" + labels + "}");
    }

    private static double bucketBound(String le) {
        if (le == null) {
            return 0;
        }
        return le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
    }

    private static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format("%.4g", value);
    }
}
