package io.remora.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
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
        Map<String, Set<String>> edges = packageEdges();
        assertTrue(edges.get(PREFIX).contains(PREFIX + ".send"), "jdeps saw the exporter's classes: " + edges);

        assertEquals(List.of(), cycle(edges), "package edges: " + edges);
    }

    /** Package to the exporter packages its classes use, from {@code jdeps -verbose:package}. */
    private static Map<String, Set<String>> packageEdges() throws URISyntaxException {
        Path classes = Paths.get(Exporter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:package", "-filter:none",
                classes.toString());
        assertEquals(0, status, out.toString());
        Map<String, Set<String>> edges = new TreeMap<>();
        for (String line : out.toString().split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words.length >= 3 && words[1].equals("->") && inExporter(words[0]) && inExporter(words[2])
                    && !words[0].equals(words[2])) {
                edges.computeIfAbsent(words[0], p -> new TreeSet<>()).add(words[2]);
            }
        }
        return edges;
    }

    private static boolean inExporter(String pkg) {
        return pkg.equals(PREFIX) || pkg.startsWith(PREFIX + ".");
    }

    /** One cycle, its packages in order; empty when there is none. */
    private static List<String> cycle(Map<String, Set<String>> edges) {
        Set<String> done = new TreeSet<>();
        for (String start : edges.keySet()) {
            List<String> path = new ArrayList<>();
            List<String> found = walk(start, edges, path, done);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<String> walk(String pkg, Map<String, Set<String>> edges, List<String> path, Set<String> done) {
        int seen = path.indexOf(pkg);
        if (seen >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(seen, path.size()));
            cycle.add(pkg);
            return cycle;
        }
        if (done.contains(pkg)) {
            return List.of();
        }
        path.add(pkg);
        for (String next : edges.getOrDefault(pkg, Set.of())) {
            List<String> found = walk(next, edges, path, done);
            if (!found.isEmpty()) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        done.add(pkg);
        return List.of();
    }
}
