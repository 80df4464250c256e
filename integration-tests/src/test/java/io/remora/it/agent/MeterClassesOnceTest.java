package io.remora.it.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.remora.it.agent.app.ShortJobApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The exporter (send durations) and the JVM collectors (GC pauses) use the bootstrap meter classes
 * that advice records into. Each must be loaded once, in the bootstrap loader: a copy the agent's
 * class loader made before the classes were defined there would leave advice recording into
 * meters that nothing exports. A short job, so the exporter starts while instrumentation is still
 * being installed; the JVM's class-loading log says where each class came from.
 */
class MeterClassesOnceTest {

    private static final List<String> SHARED = List.of("Histogram", "HistogramFamily", "BucketBounds", "MeterRegistry");

    @TempDir
    static Path dir;

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void meterClassesAreLoadedOnceInTheBootstrapLoader(Jdk jdk) throws IOException {
        String name = "meters-" + jdk.name().toLowerCase();
        Path classes = dir.resolve(name + "-classes.txt");
        ChildRun run = ChildJvm.of(jdk, ShortJobApp.class).withAgent()
                .property("remora.endpoint", "http://127.0.0.1:9/api/v1/write") // nobody listens: attempts still timed
                .property("remora.spool.dir", dir.resolve(name + "-spool").toString())
                .option("-Xlog:class+load=info:file=" + classes)
                .run(dir, name);
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(List.of("done ok"), run.stdout(), run.toString());

        List<String> log = Files.readAllLines(classes);
        for (String simpleName : SHARED) {
            String loaded = " io.remora.bootstrap.meter." + simpleName + " source: ";
            List<String> sources = log.stream().filter(line -> line.contains(loaded))
                    .map(line -> line.substring(line.indexOf(loaded) + loaded.length()))
                    .collect(Collectors.toList());
            assertEquals(List.of("__JVM_DefineClass__"), sources, simpleName);
        }
    }
}
