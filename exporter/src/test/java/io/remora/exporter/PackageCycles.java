package io.remora.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

/**
 * The package graph of one module's compiled classes, from the JDK's {@code jdeps -verbose:package},
 * and a cycle in it, for the tests that keep a module's packages depending on one another only
 * forward (the exporter's, the agent's).
 */
public final class PackageCycles {

    private PackageCycles() {
    }

    /**
     * Package to the packages under {@code prefix} its classes use, for the classes of the module
     * (directory or jar) that holds {@code member}.
     */
    public static Map<String, Set<String>> packageEdges(Class<?> member, String prefix) throws URISyntaxException {
        Path classes = Paths.get(member.getProtectionDomain().getCodeSource().getLocation().toURI());
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:package", "-filter:none",
                classes.toString());
        assertEquals(0, status, out.toString());
        Map<String, Set<String>> edges = new TreeMap<>();
        for (String line : out.toString().split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words.length >= 3 && words[1].equals("->") && under(prefix, words[0]) && under(prefix, words[2])
                    && !words[0].equals(words[2])) {
                edges.computeIfAbsent(words[0], p -> new TreeSet<>()).add(words[2]);
            }
        }
        return edges;
    }

    private static boolean under(String prefix, String pkg) {
        return pkg.equals(prefix) || pkg.startsWith(prefix + ".");
    }

    /** One cycle, its packages in order; empty when there is none. */
    public static List<String> cycle(Map<String, Set<String>> edges) {
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
