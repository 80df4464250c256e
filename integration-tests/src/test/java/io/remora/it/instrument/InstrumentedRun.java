package io.remora.it.instrument;

import io.remora.it.agent.ChildJvm;
import io.remora.it.agent.ChildRun;
import io.remora.it.agent.Jdk;
import io.remora.it.receivers.Await;
import io.remora.it.receivers.RealReceiver;
import io.remora.it.receivers.SeriesSamples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An application run once under the agent, exporting to a real receiver: started with its gate file
 * as first argument, let through the gate once the agent logs that its instrumentation is ready,
 * and waited for until it exits (the agent's last collection at exit sends the final counts). Its
 * series carry a job label of the test's own choosing.
 */
public final class InstrumentedRun {

    static final String READY = "remora: instrumentation ready";
    /** What the agent says when every instrumentation is switched off. */
    static final String NONE_ENABLED = "remora: instrumentation: none enabled";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Jdk jdk;
    private final Class<?> mainClass;
    private final String job;
    private final List<Path> classPath = new ArrayList<>();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> arguments = new ArrayList<>();
    private String readyLine = READY;

    private InstrumentedRun(Jdk jdk, Class<?> mainClass, String job) {
        this.jdk = jdk;
        this.mainClass = mainClass;
        this.job = job;
    }

    /** @param job the {@code job} label of everything this run exports: one per test and JDK */
    public static InstrumentedRun of(Jdk jdk, Class<?> mainClass, String job) {
        return new InstrumentedRun(jdk, mainClass, job);
    }

    public InstrumentedRun classPath(List<Path> jars) {
        classPath.addAll(jars);
        return this;
    }

    public InstrumentedRun property(String name, String value) {
        properties.put(name, value);
        return this;
    }

    public InstrumentedRun jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    /** The agent's line on stderr that opens the gate, {@link #READY} unless told. */
    public InstrumentedRun readyWhen(String stderrLinePrefix) {
        readyLine = stderrLinePrefix;
        return this;
    }

    /** Arguments after the gate file. */
    public InstrumentedRun arguments(String... more) {
        arguments.addAll(List.of(more));
        return this;
    }

    /** Runs it to its exit; fails with its output if it exits non-zero. */
    public ChildRun run(RealReceiver receiver, Path dir) {
        ChildRun run = start(receiver, dir).awaitExit(ChildJvm.RUN_TIMEOUT);
        if (run.exitCode() != 0) {
            throw new AssertionError(mainClass.getSimpleName() + " failed: " + run);
        }
        return run;
    }

    /** Starts it and lets it through its gate once the agent is ready, for a test that watches it run. */
    public ChildJvm.Started start(RealReceiver receiver, Path dir) {
        Path gate = dir.resolve(job + ".gate");
        List<String> args = new ArrayList<>();
        args.add(gate.toString());
        args.addAll(arguments);
        ChildJvm child = ChildJvm.of(jdk, mainClass, args.toArray(new String[0])).classPath(classPath)
                .exportingTo(receiver, job, dir)
                .property("remora.log.level", "debug");
        properties.forEach(child::property);
        jvmOptions.forEach(child::option);
        ChildJvm.Started started = child.start(dir, job);
        started.awaitErrLine(readyLine, READY_TIMEOUT);
        try {
            Files.createFile(gate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return started;
    }

    /**
     * The value of each series of the PromQL expression {@code selector}, which must name the job, as
     * it stood at the job's newest sample, keyed by the values of {@code labels} joined with a space.
     * Waits until the receiver has some. At the newest sample, not now: an agent that exits marks
     * its series stale just after, and from then on an instant query finds none of them.
     */
    public static Map<String, Double> latest(RealReceiver receiver, String selector, String... labels) {
        Matcher job = JOB.matcher(selector);
        if (!job.find()) {
            throw new IllegalArgumentException("name the job in " + selector);
        }
        List<SeriesSamples> found = Await.until(selector + " in " + receiver, Duration.ofSeconds(30),
                () -> receiver.query().atNewestSample(selector, "{" + job.group() + "}"), list -> !list.isEmpty());
        Map<String, Double> values = new LinkedHashMap<>();
        for (SeriesSamples series : found) {
            List<String> key = new ArrayList<>();
            for (String label : labels) {
                key.add(series.labels().getOrDefault(label, ""));
            }
            values.put(String.join(" ", key), series.latest().value());
        }
        return values;
    }

    /** The classes the agent says, at debug level (which every run here has), that it instrumented. */
    public static Set<String> woven(ChildRun run) {
        String said = "remora: instrumented ";
        return run.stderr().stream().filter(line -> line.startsWith(said))
                .map(line -> line.substring(said.length())).collect(Collectors.toSet());
    }

    private static final Pattern JOB = Pattern.compile("job=\"[^\"]+\"");
}
