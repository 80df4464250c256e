package io.remora.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The exporter's packages depend on one another only forward, along the way a sample travels
 * (series, ring, batch, encode, compress, send, spool), never back: so each can be read without
 * the ones after it. Checked with the JDK's jdeps on the compiled classes.
 */
class PackageCyclesTest {

    private static final String PREFIX = "io.remora.exporter";

    @Test
    void exporterPackagesHaveNoCycle() throws URISyntaxException {
        Map<String, Set<String>> edges = PackageCycles.packageEdges(Exporter.class, PREFIX);
        assertTrue(edges.get(PREFIX).contains(PREFIX + ".send"), "jdeps saw the exporter's classes: " + edges);

        assertEquals(List.of(), PackageCycles.cycle(edges), "package edges: " + edges);
    }
}
