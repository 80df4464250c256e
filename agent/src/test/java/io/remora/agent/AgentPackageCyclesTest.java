package io.remora.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.exporter.PackageCycles;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The agent's packages depend on one another only forward: the instrumentations on the
 * instrumentation API, the catalog on the instrumentations, the installer and the agent on both,
 * and nothing back; so a new library's folder can be read, and written, on its own.
 */
class AgentPackageCyclesTest {

    private static final String PREFIX = "io.remora.agent";

    @Test
    void agentPackagesHaveNoCycle() throws URISyntaxException {
        Map<String, Set<String>> edges = PackageCycles.packageEdges(Agent.class, PREFIX);
        assertTrue(edges.get(PREFIX + ".instrument.catalog").contains(PREFIX + ".instrument.jdbc"),
                "jdeps saw the agent's classes: " + edges);

        assertEquals(List.of(), PackageCycles.cycle(edges), "package edges: " + edges);
    }
}
