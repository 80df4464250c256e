package io.remora.agent.instrument.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.agent.config.Settings;
import io.remora.agent.instrument.InstrumentationModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogTest {

    @Test
    void modulesSharingASwitchAreListedTogether() {
        List<String> runs = new ArrayList<>();
        for (InstrumentationModule module : Catalog.all(Collections.<String>emptyList())) {
            if (runs.isEmpty() || !runs.get(runs.size() - 1).equals(module.name())) {
                runs.add(module.name());
            }
        }
        assertEquals(Catalog.switches(), runs, "a switch's modules are split by another's");
    }

    @Test
    void theBenchmarksSwitchOffEveryInstrumentation() throws IOException {
        String line = Files.readAllLines(Paths.get("..", "benchmarks", "common.sh"), StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("INSTRUMENTATION_SWITCHES=")).findFirst()
                .orElseThrow(() -> new AssertionError("benchmarks/common.sh has no INSTRUMENTATION_SWITCHES"));
        List<String> listed = Arrays.asList(line.substring(line.indexOf('"') + 1, line.lastIndexOf('"')).split(" "));
        assertEquals(Catalog.switches(), listed, "benchmarks/common.sh's INSTRUMENTATION_SWITCHES");
    }

    @Test
    void theReadmeDocumentsEverySwitch() throws IOException {
        List<String> readme = Files.readAllLines(Paths.get("..", "README.md"), StandardCharsets.UTF_8);
        String settingRow = readme.stream().filter(line -> line.startsWith("| `remora.instrumentation.<name>.enabled`"))
                .findFirst().orElseThrow(() -> new AssertionError("README has no row for the switches"));
        for (String name : Settings.INSTRUMENTATIONS) {
            assertTrue(settingRow.contains("`" + name + "`"), name + " missing from the README's switch setting");
        }
        for (String name : Catalog.switches()) {
            assertTrue(readme.stream().anyMatch(line -> line.startsWith("| `" + name + "` |")),
                    name + " has no row in the README's instrumentation table");
        }
    }
}
