package io.remora.agent.instrument.micrometer;

/**
 * The names and labels that {@code micrometer-registry-prometheus} 1.13+ (Prometheus client_java 1.x)
 * gives a meter on a scrape page such as Spring Boot's {@code /actuator/prometheus} (text format,
 * names escaped with underscores, the default), so that the agent writes the very series a
 * dashboard built on that page queries:
 * <ol>
 *   <li>the Micrometer name, every character a legacy Prometheus name may not hold turned into
 *       {@code _} ({@code http.server.requests} is {@code http_server_requests}; a leading digit too);
 *   <li>counters, gauges and distribution summaries take their base unit as a suffix unless the
 *       name already ends with it ({@code _bytes}); timers and long task timers take {@code _seconds};
 *   <li>the reserved suffixes {@code _total}, {@code _created}, {@code _bucket}, {@code _info} are
 *       stripped, repeatedly ({@code requests.total} is {@code requests});
 *   <li>then each kind of meter adds the suffixes of its Prometheus type ({@link #COUNTER_SUFFIX},
 *       {@code _count}, {@code _sum}, {@code _bucket}, {@code _max} ...), which the collector adds.
 * </ol>
 * Tag keys are escaped the same way, lose leading underscores while they start with {@code __}, and
 * then lose {@code :} too (label names may not hold it); tag values are kept as they are. A bound or
 * quantile is written in {@code LeFormat.CLIENT_JAVA}'s style, as client_java does on the page.
 *
 * <p>Micrometer's types, by the names of {@code Meter.Type}.
 */
public final class PrometheusNames {

    static final String COUNTER = "COUNTER";
    static final String GAUGE = "GAUGE";
    static final String TIMER = "TIMER";
    static final String DISTRIBUTION_SUMMARY = "DISTRIBUTION_SUMMARY";
    static final String LONG_TASK_TIMER = "LONG_TASK_TIMER";

    static final String COUNTER_SUFFIX = "_total";

    private static final String[] RESERVED_SUFFIXES = {"_total", "_created", "_bucket", "_info"};

    private PrometheusNames() {
    }

    /**
     * The family name of a meter, before the suffixes of its Prometheus type.
     *
     * @param type the name of its {@code Meter.Type}
     * @param baseUnit its base unit, or null
     */
    static String name(String name, String type, String baseUnit) {
        String convention = escape(name, true);
        if ((COUNTER.equals(type) || DISTRIBUTION_SUMMARY.equals(type) || GAUGE.equals(type))
                && baseUnit != null && !convention.endsWith("_" + baseUnit)) {
            convention += "_" + baseUnit;
        } else if ((TIMER.equals(type) || LONG_TASK_TIMER.equals(type)) && !convention.endsWith("_seconds")) {
            convention += "_seconds";
        }
        return stripReservedSuffixes(escape(convention, true));
    }

    /** A tag key as a label name. */
    static String labelName(String tagKey) {
        String name = escape(tagKey, true);
        while (name.startsWith("__")) {
            name = name.substring(1);
        }
        return escape(name, false);
    }

    /**
     * Each character outside {@code [a-zA-Z0-9_]} (and {@code :} in a metric name), or a digit in
     * first place, as {@code _}; a name that needs nothing is returned as it is.
     */
    static String escape(String name, boolean metric) {
        if (name.isEmpty()) {
            return name;
        }
        StringBuilder escaped = null;
        for (int i = 0, at = 0; i < name.length(); at++) {
            int c = name.codePointAt(i);
            int width = Character.charCount(c);
            boolean valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'
                    || (metric && c == ':') || (c >= '0' && c <= '9' && at > 0);
            if (!valid && escaped == null) {
                escaped = new StringBuilder(name.length()).append(name, 0, i);
            }
            if (escaped != null) {
                if (valid) {
                    escaped.appendCodePoint(c);
                } else {
                    escaped.append('_');
                }
            }
            i += width;
        }
        return escaped == null ? name : escaped.toString();
    }

    private static String stripReservedSuffixes(String name) {
        String stripped = name;
        boolean again = true;
        while (again) {
            again = false;
            for (String suffix : RESERVED_SUFFIXES) {
                if (stripped.equals(suffix)) {
                    return suffix.substring(1);
                }
            }
            for (String suffix : RESERVED_SUFFIXES) {
                if (stripped.endsWith(suffix)) {
                    stripped = stripped.substring(0, stripped.length() - suffix.length());
                    again = true;
                    break;
                }
            }
        }
        return stripped;
    }
}
