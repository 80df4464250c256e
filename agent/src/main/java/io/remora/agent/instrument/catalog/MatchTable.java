package io.remora.agent.instrument.catalog;

import io.remora.agent.instrument.InstrumentationModule;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The catalog's switches and class matches as text, written by the build ({@link #main}) from the
 * modules themselves and read in premain instead of them: building the modules there loads some 65
 * classes from the agent jar (modules and type instrumentations), some 40% of premain's CPU on a
 * hello world. One line per module ({@code module <switch>}) followed by one per type
 * instrumentation ({@code type <switch> <match>}, as {@link ClassMatch#encode} writes it), in the
 * catalog's order. The methods module's classes come from the configuration, so it has no type lines.
 */
public final class MatchTable {

    static final String RESOURCE = "matches.idx";
    private static final String MODULE = "module";
    private static final String TYPE = "type";

    private final List<String> lines;

    private MatchTable(List<String> lines) {
        this.lines = lines;
    }

    /** The table the build put beside this class. */
    static MatchTable read() {
        try (InputStream in = MatchTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing beside " + MatchTable.class.getName()
                        + ": the agent was not built by its Maven build");
            }
            // bytes to a string at once: a Reader's decoder costs premain a millisecond more
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new MatchTable(Collections.unmodifiableList(Arrays.asList(text.split("\n"))));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE + ": " + e, e);
        }
    }

    /** The modules' switch names, each once, in the catalog's order. */
    List<String> switches() {
        List<String> names = new ArrayList<>();
        for (String line : lines) {
            String[] fields = line.split("\t", 2);
            if (fields[0].equals(MODULE) && !names.contains(fields[1])) {
                names.add(fields[1]);
            }
        }
        return names;
    }

    /**
     * The class matches of the modules whose switch is in {@code enabled}, in the catalog's order,
     * {@code methods}' own matches at its module's place.
     */
    List<ClassMatch> matches(Set<String> enabled, InstrumentationModule methods) {
        List<ClassMatch> matches = new ArrayList<>();
        for (String line : lines) {
            String[] fields = line.split("\t", 3);
            if (!enabled.contains(fields[1])) {
                continue;
            }
            if (fields[0].equals(TYPE)) {
                matches.add(ClassMatch.decode(fields[2]));
            } else if (fields[1].equals(methods.name())) {
                for (TypeInstrumentation type : methods.types()) {
                    matches.add(type.classes());
                }
            }
        }
        return matches;
    }

    /** The table of {@code modules}, as the build writes it. */
    static List<String> linesOf(List<InstrumentationModule> modules) {
        List<String> lines = new ArrayList<>();
        for (InstrumentationModule module : modules) {
            lines.add(MODULE + '\t' + module.name());
            for (TypeInstrumentation type : module.types()) {
                lines.add(TYPE + '\t' + module.name() + '\t' + type.classes().encode());
            }
        }
        return lines;
    }

    /** At build: {@code MatchTable <file>} writes the catalog's table there. */
    public static void main(String[] args) throws IOException {
        Path file = Paths.get(args[0]);
        Files.createDirectories(file.getParent());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (String line : linesOf(Catalog.all(Collections.<String>emptyList()))) {
                out.write(line);
                out.write('\n');
            }
        }
    }
}
