package io.remora.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.bootstrap.meter.MeterRegistry;
import io.remora.exporter.PackageCycles;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The meter classes are defined in the bootstrap loader before the rest of {@code bootstrap/}, and
 * the exporter and the JVM collectors use them before the rest exists: so they must not use the rest.
 */
class BootstrapInjectorTest {

    @Test
    void theMeterPackageUsesNoOtherBootstrapPackage() throws URISyntaxException {
        String meters = BootstrapInjector.METERS.substring(0, BootstrapInjector.METERS.length() - 1);
        assertEquals(MeterRegistry.class.getPackageName(), meters);
        Map<String, Set<String>> edges = PackageCycles.packageEdges(MeterRegistry.class, "io.remora.bootstrap");
        assertTrue(edges.containsKey("io.remora.bootstrap.jdbc"), "jdeps saw the bootstrap classes: " + edges);

        assertEquals(Set.of(), edges.getOrDefault(meters, Set.of()), "package edges: " + edges);
    }
}
