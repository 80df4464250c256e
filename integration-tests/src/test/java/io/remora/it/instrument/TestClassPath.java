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

    /**
     * @param repositoryFolders e.g. {@code "/org/apache/tomcat/"}: every jar of the local Maven
     *     repository below one of them, so a program's own dependencies come along
     * @throws AssertionError when there is none
     */
    static List<Path> jarsUnder(String... repositoryFolders) {
        List<Path> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            for (String folder : repositoryFolders) {
                if (entry.replace(File.separatorChar, '/').contains(folder)) {
                    jars.add(Paths.get(entry));
                    break;
                }
            }
        }
        if (jars.isEmpty()) {
            throw new AssertionError("no jar below " + String.join(", ", repositoryFolders)
                    + " on the test class path: are they test dependencies of integration-tests/pom.xml?");
        }
        return jars;
    }
}
