package io.remora.agent.instrument.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.remora.agent.instrument.InstrumentationModule;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatchTableTest {

    @Test
    void theBuildWroteTheModulesAsTheyAre() throws IOException {
        try (var in = MatchTable.class.getResourceAsStream(MatchTable.RESOURCE)) {
            List<String> written = Arrays.asList(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
            assertEquals(MatchTable.linesOf(Catalog.all(Collections.<String>emptyList())), written);
        }
    }

    @Test
    void mainWritesTheCatalogsTable(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sub/matches.idx");
        MatchTable.main(new String[] {file.toString()});
        assertEquals(MatchTable.linesOf(Catalog.all(Collections.<String>emptyList())),
                Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    @Test
    void everyModulesSwitchOnce() {
        List<String> expected = new ArrayList<>();
        for (InstrumentationModule module : Catalog.all(Collections.<String>emptyList())) {
            if (!expected.contains(module.name())) {
                expected.add(module.name());
            }
        }
        assertEquals(expected, Catalog.switches());
    }

    /** What premain selects by must line up, bit by bit, with the types the install thread builds. */
    @Test
    void matchesComeInTheOrderOfTheEnabledModulesTypes() {
        List<String> methods = Arrays.asList("com.example.Orders#place", "com.example.Billing#*");
        for (Set<String> switchedOn : Arrays.<Set<String>>asList(new HashSet<>(Catalog.switches()),
                new HashSet<>(Arrays.asList("jdbc", "methods", "logging")), new HashSet<>(Arrays.asList("http-server")),
                Collections.<String>emptySet())) {
            List<String> built = new ArrayList<>();
            for (InstrumentationModule module : Catalog.enabled(switchedOn, methods)) {
                for (TypeInstrumentation type : module.types()) {
                    built.add(type.classes().encode());
                }
            }
            List<String> selected = new ArrayList<>();
            for (ClassMatch match : Catalog.matches(switchedOn, methods)) {
                selected.add(match.encode());
            }
            assertEquals(built, selected, "switched on: " + switchedOn);
            assertFalse(switchedOn.contains("methods") && built.stream().noneMatch(m -> m.contains("Orders")),
                    "the methods module's own match is in: " + built);
        }
    }

    @Test
    void aMatchSurvivesItsLine() {
        for (ClassMatch match : Arrays.asList(ClassMatch.named("a.B", "a.B$C"),
                ClassMatch.implementing("java.sql.Statement", "x.Y").declaring("execute", "executeQuery"),
                ClassMatch.implementing("jakarta.servlet.Filter").whenLoaderSees("jakarta.servlet.Filter"))) {
            assertEquals(match.toString(), ClassMatch.decode(match.encode()).toString());
            assertEquals(match.encode(), ClassMatch.decode(match.encode()).encode());
        }
        assertThrows(IllegalArgumentException.class, () -> ClassMatch.decode("a/B\t-"));
    }
}
