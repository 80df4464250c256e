package io.remora.agent.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Checks the built remora-agent.jar: its layout, its isolated loader, and a child JVM using it. */
class AgentJarIT {

    private static final Path JAR = Paths.get(System.getProperty("remora.agent.jar", "target/remora-agent.jar"));

    @Test
    void rootHoldsOnlyTheBootClassesAndTheManifest() throws IOException {
        assertTrue(Files.isRegularFile(JAR), JAR + " missing: run mvn package first");
        TreeSet<String> root = new TreeSet<>();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            for (JarEntry entry : java.util.Collections.list(jar.entries())) {
                if (!entry.getName().startsWith(AgentClassLoader.PREFIX) && !entry.isDirectory()) {
                    root.add(entry.getName());
                }
            }
            Attributes manifest = jar.getManifest().getMainAttributes();
            assertEquals(RemoraAgent.class.getName(), manifest.getValue("Premain-Class"));
            assertEquals(RemoraAgent.class.getName(), manifest.getValue("Agent-Class"));
            assertEquals(RemoraAgent.class.getName(), manifest.getValue("Main-Class"));
            assertEquals("true", manifest.getValue("Can-Retransform-Classes"));
            assertEquals("true", manifest.getValue("Can-Redefine-Classes"));
            assertNotNull(jar.getJarEntry("inst/com/google/protobuf/Message.classdata"));
            assertTrue(jar.stream().noneMatch(e -> e.getName().startsWith("inst/") && e.getName().endsWith(".class")));
        }
        for (String name : root) {
            assertTrue(name.equals("META-INF/MANIFEST.MF") || name.startsWith("io/remora/agent/boot/"), name);
        }
        assertTrue(root.contains("io/remora/agent/boot/RemoraAgent.class"), root.toString());
    }

    @Test
    void theBootstrapIndexListsExactlyTheBootstrapClasses() throws IOException {
        String prefix = "inst/io/remora/bootstrap/";
        try (JarFile jar = new JarFile(JAR.toFile())) {
            TreeSet<String> inJar = new TreeSet<>();
            for (JarEntry entry : java.util.Collections.list(jar.entries())) {
                if (entry.getName().startsWith(prefix) && entry.getName().endsWith(".classdata")) {
                    inJar.add(entry.getName().substring("inst/".length()));
                }
            }
            JarEntry index = jar.getJarEntry(prefix + "classes.idx");
            assertNotNull(index, "the build writes the bootstrap classes' index");
            TreeSet<String> listed = new TreeSet<>();
            try (java.io.InputStream in = jar.getInputStream(index)) {
                for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\\R")) {
                    if (!line.isEmpty()) {
                        listed.add(line);
                    }
                }
            }
            assertTrue(inJar.contains("io/remora/bootstrap/meter/Histogram.classdata"), inJar.toString());
            assertEquals(inJar, listed);
        }
    }

    @Test
    void isolatedLoaderDefinesTheAgentAndItsDependencies() throws Exception {
        AgentClassLoader loader = new AgentClassLoader(JAR);
        for (String name : new String[] {"io.remora.agent.Agent", "com.google.protobuf.Message",
                "org.jctools.queues.MpscArrayQueue", "io.remora.exporter.series.Series"}) {
            assertSame(loader, loader.loadClass(name).getClassLoader(), name);
        }
        // JDK classes still come from the JDK
        assertSame(null, loader.loadClass("java.lang.String").getClassLoader());
        URL classFile = loader.getResource("com/google/protobuf/Message.class");
        assertTrue(classFile.toString().startsWith("jar:") && classFile.toString().endsWith("Message.classdata"),
                String.valueOf(classFile));
        // snappy finds and loads its native library through this loader's jar: URLs
        Class<?> snappy = loader.loadClass("org.xerial.snappy.Snappy");
        Method compress = snappy.getMethod("compress", byte[].class);
        Method uncompress = snappy.getMethod("uncompress", byte[].class);
        byte[] text = "remora remora remora remora".getBytes(StandardCharsets.UTF_8);
        assertEquals(new String(text, StandardCharsets.UTF_8), new String(
                (byte[]) uncompress.invoke(null, compress.invoke(null, (Object) text)), StandardCharsets.UTF_8));
    }

    @Test
    void childJvmSeesNoneOfTheAgentsClassesAndTheAgentRuns() throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + JAR.toAbsolutePath(),
                // a loopback port nothing listens on: the exporter fails to send, the application must not care
                "-Dremora.endpoint=http://127.0.0.1:9/api/v1/write",
                "-cp", Paths.get("target", "test-classes").toAbsolutePath().toString(),
                ProbeApp.class.getName(),
                "com.google.protobuf.Message", "org.xerial.snappy.Snappy", "org.jctools.queues.MpscArrayQueue",
                "io.remora.agent.Agent", "io.remora.exporter.Exporter", RemoraAgent.class.getName()));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child JVM did not exit");
        assertEquals(0, child.exitValue(), out);
        assertEquals(List.of(
                "hidden com.google.protobuf.Message",
                "hidden org.xerial.snappy.Snappy",
                "hidden org.jctools.queues.MpscArrayQueue",
                "hidden io.remora.agent.Agent",
                "hidden io.remora.exporter.Exporter",
                "visible " + RemoraAgent.class.getName(),
                "agent thread runs"), out.lines().collect(Collectors.toList()));
    }
}
