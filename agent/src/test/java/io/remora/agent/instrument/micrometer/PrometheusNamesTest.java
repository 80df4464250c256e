package io.remora.agent.instrument.micrometer;

import static io.remora.agent.instrument.micrometer.PrometheusNames.COUNTER;
import static io.remora.agent.instrument.micrometer.PrometheusNames.DISTRIBUTION_SUMMARY;
import static io.remora.agent.instrument.micrometer.PrometheusNames.GAUGE;
import static io.remora.agent.instrument.micrometer.PrometheusNames.LONG_TASK_TIMER;
import static io.remora.agent.instrument.micrometer.PrometheusNames.TIMER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.Meter;
import io.micrometer.prometheusmetrics.PrometheusNamingConvention;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusNamesTest {

    @Test
    void dotsAndOtherCharactersBecomeUnderscores() {
        assertEquals("http_server_requests_seconds", PrometheusNames.name("http.server.requests", TIMER, "seconds"));
        assertEquals("orders_placed", PrometheusNames.name("orders-placed", COUNTER, null));
        assertEquals("a_b_c_d", PrometheusNames.name("a b/c\u00e9d", GAUGE, null));
        assertEquals("ns:name", PrometheusNames.name("ns:name", GAUGE, null));
        assertEquals("_st_place", PrometheusNames.name("1st.place", GAUGE, null));
        assertEquals("x9", PrometheusNames.name("x9", GAUGE, null));
    }

    @Test
    void theBaseUnitIsAppendedOnceToCountersGaugesAndSummaries() {
        assertEquals("jvm_memory_used_bytes", PrometheusNames.name("jvm.memory.used", GAUGE, "bytes"));
        assertEquals("cache_size_bytes", PrometheusNames.name("cache.size.bytes", GAUGE, "bytes"));
        assertEquals("payload_bytes", PrometheusNames.name("payload", DISTRIBUTION_SUMMARY, "bytes"));
        assertEquals("logback_events", PrometheusNames.name("logback.events", COUNTER, null));
        assertEquals("sent_requests", PrometheusNames.name("sent", COUNTER, "requests"));
    }

    @Test
    void timersAreInSecondsWhateverTheirUnit() {
        assertEquals("task_seconds", PrometheusNames.name("task", TIMER, "milliseconds"));
        assertEquals("task_duration_seconds", PrometheusNames.name("task.duration.seconds", TIMER, "seconds"));
        assertEquals("reports_active_seconds", PrometheusNames.name("reports.active", LONG_TASK_TIMER, null));
    }

    @Test
    void reservedSuffixesAreStrippedRepeatedly() {
        assertEquals("requests", PrometheusNames.name("requests.total", COUNTER, null));
        assertEquals("requests", PrometheusNames.name("requests_total_total", COUNTER, null));
        assertEquals("build", PrometheusNames.name("build.info", GAUGE, null));
        assertEquals("jobs", PrometheusNames.name("jobs.created.bucket", GAUGE, null));
        assertEquals("total", PrometheusNames.name("total", COUNTER, null));
        assertEquals("total", PrometheusNames.name("_total", COUNTER, null));
    }

    @Test
    void labelNamesAreEscapedWithoutColonsOrALeadingDoubleUnderscore() {
        assertEquals("http_method", PrometheusNames.labelName("http.method"));
        assertEquals("_secret", PrometheusNames.labelName("__secret"));
        assertEquals("_secret", PrometheusNames.labelName("._.secret".substring(1)));
        assertEquals("a_b", PrometheusNames.labelName("a:b"));
        assertEquals("_lives", PrometheusNames.labelName("9lives"));
        assertEquals("uri", PrometheusNames.labelName("uri"));
    }

    /** The same names as Micrometer's own convention, then escaped for the text page, for every type. */
    @Test
    void namesAreThoseOfMicrometersPrometheusNamingConvention() {
        PrometheusNamingConvention convention = new PrometheusNamingConvention();
        List<String> names = List.of("http.server.requests", "jvm.memory.used", "requests.total", "a-b.c_d",
                "process.start.time", "cache.bytes", "x.info", "tomcat.sessions.created", "jobs_bucket_total");
        for (String name : names) {
            for (Meter.Type type : Meter.Type.values()) {
                for (String unit : new String[] {null, "bytes", "seconds"}) {
                    assertEquals(PrometheusNames.escape(convention.name(name, type, unit), true),
                            PrometheusNames.name(name, type.name(), unit), name + " " + type + " " + unit);
                }
            }
        }
    }
}
