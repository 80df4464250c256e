package io.remora.benchmarks;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameContains;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;

import io.remora.agent.instrument.InstrumentationModule;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.executor.ExecutorModule;
import io.remora.agent.instrument.jdkhttpclient.JdkHttpClientModule;
import io.remora.agent.instrument.jdkhttpserver.JdkHttpServerModule;
import io.remora.agent.instrument.jdbc.JdbcModule;
import io.remora.agent.instrument.methods.MethodsModule;
import io.remora.agent.instrument.servlet.ServletModule;
import io.remora.agent.instrument.select.ClassMatch;
import io.remora.agent.instrument.select.ClassSelector;
import java.io.IOException;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * What the agent's class-loading hook costs for the classes it does not change, which are almost all
 * of the 10,000+ a real service loads: Remora's {@link ClassSelector} (class-file outline, memoized
 * supertype answers) against the Byte Buddy type matchers the agent used before it (the same rules:
 * {@code hasSuperType} for servlets and JDBC behind a class-loader check, exact names for the rest),
 * as one raw Byte Buddy transformer. Both see the same class files, each through a fresh class loader
 * over the corpus (so the memo, like Byte Buddy's type pool, starts empty, as at a real start-up).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.remora.benchmarks.ClassSelectionBenchmark [ROUNDS] [JAR...]
 * </pre>
 *
 * The corpus defaults to the jars in {@code benchmarks/target/class-corpus} (Tomcat 10.1 with its
 * servlet API, H2), which the build copies there. The first round is the cold one, as at start-up:
 * interpreted code and cold caches; the later rounds show the compiled cost. The variants alternate,
 * each first in every other round.
 */
public final class ClassSelectionBenchmark {

    private static final Path DEFAULT_CORPUS = Paths.get("benchmarks", "target", "class-corpus");

    private ClassSelectionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 11;
        List<Path> jars = args.length > 1 ? Arrays.stream(args).skip(1).map(Paths::get).collect(Collectors.toList())
                : corpusJars();
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = jars.get(i).toUri().toURL();
        }
        List<ClassFile> corpus = unmatched(read(jars), urls);
        System.out.printf("corpus: %d classes that no instrumentation changes, from %s%n", corpus.size(), jars);
        System.out.printf("%-6s %16s %16s %8s%n", "round", "remora ms/10k", "byte-buddy ms/10k", "ratio");
        List<Double> ratios = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            double remora;
            double byteBuddy;
            if (round % 2 == 1) {
                remora = perTenThousand(corpus, new Selection(urls));
                byteBuddy = perTenThousand(corpus, new ByteBuddyMatchers(urls));
            } else {
                byteBuddy = perTenThousand(corpus, new ByteBuddyMatchers(urls));
                remora = perTenThousand(corpus, new Selection(urls));
            }
            if (round > 1) {
                ratios.add(byteBuddy / remora);
            }
            System.out.printf("%-6s %16.1f %16.1f %7.1fx%n", round == 1 ? "1 cold" : Integer.toString(round), remora,
                    byteBuddy, byteBuddy / remora);
        }
        Collections.sort(ratios);
        if (!ratios.isEmpty()) {
            System.out.printf("median ratio of the warm rounds: Byte Buddy's matchers cost %.1fx Remora's selection%n",
                    ratios.get(ratios.size() / 2));
        }
    }

    private static List<Path> corpusJars() throws IOException {
        try (Stream<Path> files = Files.list(DEFAULT_CORPUS)) {
            return files.filter(p -> p.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
        }
    }

    /** Milliseconds the variant takes for 10,000 of the corpus's classes. */
    private static double perTenThousand(List<ClassFile> corpus, Variant variant) throws Exception {
        long started = System.nanoTime();
        int chosen = 0;
        for (ClassFile classFile : corpus) {
            chosen += variant.chooses(classFile) ? 1 : 0;
        }
        long elapsed = System.nanoTime() - started;
        variant.close();
        if (chosen != 0) {
            throw new IllegalStateException(variant + " chose " + chosen + " classes meant to be left alone");
        }
        return elapsed / 1e6 * 10_000 / corpus.size();
    }

    private static List<ClassFile> read(List<Path> jars) throws IOException {
        List<ClassFile> classes = new ArrayList<>();
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                    JarEntry entry = entries.nextElement();
                    String name = entry.getName();
                    if (name.endsWith(".class") && !name.endsWith("module-info.class") && !name.startsWith("META-INF/")) {
                        classes.add(new ClassFile(name.substring(0, name.length() - ".class".length()),
                                file.getInputStream(entry).readAllBytes()));
                    }
                }
            }
        }
        return classes;
    }

    /** The classes neither variant would change: the ones the benchmark is about. */
    private static List<ClassFile> unmatched(List<ClassFile> all, URL[] urls) throws Exception {
        List<ClassFile> unmatched = new ArrayList<>();
        try (Selection selection = new Selection(urls); ByteBuddyMatchers matchers = new ByteBuddyMatchers(urls)) {
            for (ClassFile classFile : all) {
                if (!selection.chooses(classFile) && !matchers.chooses(classFile)) {
                    unmatched.add(classFile);
                }
            }
        }
        return unmatched;
    }

    /** The modules the agent enables by default, with no method named. */
    static List<InstrumentationModule> modules() {
        return List.of(new JdkHttpServerModule(), new ServletModule(),
                new JdkHttpClientModule(), new JdbcModule(), new ExecutorModule(), new MethodsModule(List.of()));
    }

    private static final class ClassFile {
        final String internalName;
        final byte[] bytes;

        ClassFile(String internalName, byte[] bytes) {
            this.internalName = internalName;
            this.bytes = bytes;
        }
    }

    private abstract static class Variant implements AutoCloseable {
        final URLClassLoader loader;

        Variant(URL[] urls) {
            this.loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
        }

        abstract boolean chooses(ClassFile classFile) throws Exception;

        @Override
        public void close() throws IOException {
            loader.close();
        }
    }

    /** The agent's selection, as its transformer runs it for every class. */
    private static final class Selection extends Variant {
        private final ClassSelector selector;

        Selection(URL[] urls) {
            super(urls);
            List<ClassMatch> matches = new ArrayList<>();
            for (InstrumentationModule module : modules()) {
                for (TypeInstrumentation type : module.types()) {
                    matches.add(type.classes());
                }
            }
            selector = new ClassSelector(matches, null);
        }

        @Override
        boolean chooses(ClassFile classFile) {
            return selector.select(loader, classFile.internalName, classFile.bytes) != 0;
        }

        @Override
        public String toString() {
            return "remora";
        }
    }

    /**
     * The type matchers of the agent before the class selection, as one raw Byte Buddy transformer
     * (it returns null for a class it does not match, after matching it).
     */
    private static final class ByteBuddyMatchers extends Variant {
        private final ClassFileTransformer transformer;
        private boolean matched;

        ByteBuddyMatchers(URL[] urls) {
            super(urls);
            AgentBuilder.Transformer marks = (builder, type, classLoader, module, domain) -> {
                matched = true;
                return builder;
            };
            transformer = new AgentBuilder.Default()
                    .disableClassFormatChanges()
                    .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                    .with(AgentBuilder.PoolStrategy.Default.FAST)
                    .ignore(nameStartsWith("io.remora.").or(nameStartsWith("net.bytebuddy.")).or(isSynthetic())
                            .or(nameContains("$$Lambda")).or(nameContains("$Proxy")).or(nameContains("$$EnhancerBy"))
                            .or(nameContains("$ByteBuddy$")).or(nameStartsWith("jdk.internal.reflect.Generated")))
                    .type(named("com.sun.net.httpserver.Filter$Chain")).transform(marks)
                    .type(servlets("jakarta.servlet"), canSee("jakarta.servlet.http.HttpServletMapping")).transform(marks)
                    .type(servlets("javax.servlet"), canSee("javax.servlet.http.HttpServletMapping")).transform(marks)
                    .type(namedOneOf("jdk.internal.net.http.HttpClientImpl", "sun.net.www.protocol.http.HttpURLConnection"))
                    .transform(marks)
                    .type(jdbc("Statement", "java.sql.Statement"), canSee("java.sql.Statement")).transform(marks)
                    .type(jdbc("Connection", "java.sql.Connection"), canSee("java.sql.Connection")).transform(marks)
                    .type(namedOneOf("java.util.concurrent.AbstractExecutorService",
                            "java.util.concurrent.ThreadPoolExecutor$Worker")).transform(marks)
                    .makeRaw();
        }

        private static ElementMatcher.Junction<TypeDescription> servlets(String api) {
            return not(isInterface()).and(hasSuperType(named(api + ".Servlet").or(named(api + ".Filter"))));
        }

        private static ElementMatcher.Junction<TypeDescription> jdbc(String nameHolds, String api) {
            return nameContains(nameHolds).or(nameStartsWith("com.ibm.db2.jcc.")).and(not(isInterface()))
                    .and(hasSuperType(named(api)));
        }

        /** As the agent's loader check was: asked once per loader, the answer kept. */
        private static ElementMatcher<ClassLoader> canSee(String className) {
            String resource = className.replace('.', '/') + ".class";
            Map<ClassLoader, Boolean> answers = Collections.synchronizedMap(new WeakHashMap<>());
            return loader -> loader != null
                    && answers.computeIfAbsent(loader, asked -> asked.getResource(resource) != null);
        }

        @Override
        boolean chooses(ClassFile classFile) {
            matched = false;
            try {
                transformer.transform(loader, classFile.internalName, null, null, classFile.bytes);
            } catch (IllegalClassFormatException | RuntimeException e) {
                // a supertype missing from the class path: the JVM ignores what a transformer throws
            }
            return matched;
        }

        @Override
        public String toString() {
            return "byte-buddy";
        }
    }
}
