package io.remora.it.instrument;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** Jars of real programs for a child's class path, taken from this test JVM's own class path. */
final class TestClassPath {

    private TestClassPath() {
    }

    /**
     * @param artifactIds e.g. {@code "h2"}: the jar named {@code h2-<version>.jar}, one each
     * @throws AssertionError naming an artifact that is not on the class path
     */
    static List<Path> jars(String... artifactIds) {
        List<Path> jars = new ArrayList<>();
        String[] entries = System.getProperty("java.class.path").split(File.pathSeparator);
        for (String artifactId : artifactIds) {
            Path found = null;
            for (String entry : entries) {
                String file = Paths.get(entry).getFileName().toString();
                if (file.endsWith(".jar") && file.startsWith(artifactId + "-")
                        && Character.isDigit(file.charAt(artifactId.length() + 1))) {
                    found = Paths.get(entry);
                }
            }
            if (found == null) {
                throw new AssertionError(artifactId + " is not on the test class path: is it a test dependency"
                        + " of integration-tests/pom.xml?");
            }
            jars.add(found);
        }
        return jars;
    }
}
