package io.remora.it.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The JDKs the child JVMs run on. */
public enum Jdk {

    /** The JDK running the build (17). */
    DEFAULT(Paths.get(System.getProperty("java.home"), "bin", "java")),
    TEMURIN_25(Paths.get("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"));

    private final Path java;

    Jdk(Path java) {
        this.java = java;
    }

    /** The {@code java} launcher; an AssertionError naming it when it is not there. */
    public Path java() {
        if (!Files.isExecutable(java)) {
            throw new AssertionError(name() + " JDK is missing: no executable " + java);
        }
        return java;
    }
}
