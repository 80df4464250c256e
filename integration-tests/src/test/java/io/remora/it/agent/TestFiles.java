package io.remora.it.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Files the build prepares for these tests, found through the system properties surefire sets. */
public final class TestFiles {

    private TestFiles() {
    }

    /** {@code agent/target/remora-agent.jar}, built by the agent module's package phase. */
    public static Path agentJar() {
        Path jar = fromProperty("remora.agent.jar");
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("the agent jar " + jar + " is missing: build it first with"
                    + " mvn -pl integration-tests -am verify (or mvn -pl agent -am package)");
        }
        return jar;
    }

    /**
     * An executable Spring Boot fat jar of test-apps/, named by the system property surefire sets
     * ({@code remora.it.spring-boot-3-app}, {@code remora.it.spring-boot-2-app}).
     */
    public static Path springBootApp(String property) {
        Path jar = fromProperty(property);
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("the application jar " + jar + " is missing: build it first with"
                    + " mvn -pl integration-tests -am verify (or mvn -pl test-apps/spring-boot-3,test-apps/spring-boot-2 package)");
        }
        return jar;
    }

    /** The test classes directory: the applications run in child JVMs with it as their class path. */
    public static Path testClasses() {
        return existing(fromProperty("remora.it.test-classes"));
    }

    /** Older protobuf-java, byte-buddy, snappy-java and jctools jars, copied by maven-dependency-plugin. */
    public static Path conflictingLibraries() {
        return existing(fromProperty("remora.it.conflicting-libraries"));
    }

    /**
     * The jars of one version of an HTTP client library beside the one the tests depend on
     * ({@code okhttp-5}, {@code httpclient5-5.1}), copied by maven-dependency-plugin.
     */
    public static List<Path> clientLibrary(String folder) {
        Path dir = existing(fromProperty("remora.it.client-libraries").resolve(folder));
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path existing(Path path) {
        if (!Files.exists(path)) {
            throw new AssertionError(path + " is missing: run the tests through mvn, which prepares it");
        }
        return path;
    }

    private static Path fromProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new AssertionError("system property " + name + " is not set: run the tests through mvn"
                    + " (integration-tests/pom.xml sets it in the surefire configuration)");
        }
        return Paths.get(value).toAbsolutePath().normalize();
    }
}
