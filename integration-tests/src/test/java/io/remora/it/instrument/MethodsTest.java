package io.remora.it.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.shop.Inventory;
import com.acme.shop.Orders;
import io.remora.it.agent.ChildJvm;
import io.remora.it.agent.ChildRun;
import io.remora.it.agent.Jdk;
import io.remora.it.instrument.app.MethodsApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code remora.methods} on JDK 17 and 25: each call of a named method counted once under its class,
 * method and exception, recursive calls too, the exception reaching the caller unchanged; a class
 * loaded before the transformer (retransformed) and one loaded after it; a named class that never
 * loads changes nothing. At the default log level the agent prints nothing in either case.
 */
class MethodsTest {

    private static final String ORDERS = Orders.class.getName();
    private static final String INVENTORY = Inventory.class.getName();
    private static final String NEVER_LOADED = "com.acme.NotThere#handle,com.acme.Gone#*";

    @RegisterExtension
    static final PrometheusPerClass PROMETHEUS = new PrometheusPerClass();

    @TempDir
    static Path dir;

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void eachCallOfANamedMethodIsCountedWithItsErrorType(Jdk jdk) throws IOException {
        String job = "methods-" + jdk.name().toLowerCase();
        ChildRun run = runOnceExporting(jdk, job, ORDERS + "#place," + INVENTORY + "#*," + NEVER_LOADED);
        assertEquals(List.of(MethodsApp.OUTPUT), run.stdout(), run.toString());
        assertEquals(List.of(), run.stderr(), run.toString());

        Map<String, Double> counts = InstrumentedRun.latest(PROMETHEUS.receiver(),
                "method_duration_seconds_count{job=\"" + job + "\"}", "class", "method", "error_type");
        // not: Orders#cancel (not named), Inventory's constructor and its lambda's body
        assertEquals(Map.of(
                ORDERS + " place ", (double) MethodsApp.PLACED,
                ORDERS + " place java.lang.IllegalArgumentException", (double) MethodsApp.REFUSED,
                INVENTORY + " count ", (double) MethodsApp.COUNT_CALLS,
                INVENTORY + " reserve ", (double) MethodsApp.RESERVED,
                INVENTORY + " reserve java.lang.IllegalStateException", (double) MethodsApp.OUT_OF_STOCK,
                INVENTORY + " restock ", 1.0),
                counts, run.toString());
        Map<String, Double> infBuckets = InstrumentedRun.latest(PROMETHEUS.receiver(),
                "method_duration_seconds_bucket{job=\"" + job + "\",le=\"+Inf\"}", "class", "method", "error_type");
        assertEquals(counts, infBuckets);
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void namedClassesThatNeverLoadChangeNothingAndPrintNothing(Jdk jdk) throws IOException {
        String job = "methods-never-loaded-" + jdk.name().toLowerCase();
        ChildRun run = runOnceExporting(jdk, job, NEVER_LOADED);
        assertEquals(List.of(MethodsApp.OUTPUT), run.stdout(), run.toString());
        assertEquals(List.of(), run.stderr(), run.toString());
        assertTrue(PROMETHEUS.receiver().query().raw("method_duration_seconds_count{job=\"" + job + "\"}",
                Duration.ofHours(1)).isEmpty(),
                run.toString());
    }

    /**
     * Runs {@link MethodsApp} at the default log level, where the agent says nothing: its gate opens
     * once the agent's JVM metrics have arrived, by when its instrumentation is in place (installed
     * first) and its exit flush registered. The instrumentation's "ready" line comes before that
     * flush exists, and this application's work is over in a few milliseconds.
     */
    private static ChildRun runOnceExporting(Jdk jdk, String job, String methods) throws IOException {
        Path gate = dir.resolve(job + ".gate");
        ChildJvm.Started started = ChildJvm.of(jdk, MethodsApp.class, gate.toString()).exportingTo(PROMETHEUS.receiver(), job, dir)
                .property("remora.batch.max-delay", "200ms")
                .property("remora.methods", methods)
                .start(dir, job);
        InstrumentedRun.latest(PROMETHEUS.receiver(), "jvm_threads_current{job=\"" + job + "\"}");
        Files.createFile(gate);
        ChildRun run = started.awaitExit(ChildJvm.RUN_TIMEOUT);
        assertEquals(0, run.exitCode(), run.toString());
        return run;
    }
}
