package io.remora.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.remora.agent.config.AgentConfig;
import io.remora.agent.config.ConfigLoader;
import io.remora.agent.config.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class InstrumentationsTest {

    @Test
    void everySwitchNameHasAModuleAndEveryModuleASwitch() {
        List<String> moduleNames = new ArrayList<>();
        for (InstrumentationModule module : Instrumentations.all(config(new Properties()))) {
            if (!moduleNames.contains(module.name())) {
                moduleNames.add(module.name());
            }
        }
        List<String> switches = new ArrayList<>(Settings.INSTRUMENTATIONS);
        switches.remove("jvm"); // the JVM collectors, not an instrumentation
        assertEquals(switches, moduleNames);
    }

    @Test
    void withEverySwitchOffNothingIsInjectedOrInstalled() {
        Properties off = new Properties();
        for (String name : Settings.INSTRUMENTATIONS) {
            off.setProperty(Settings.instrumentationEnabled(name), "false");
        }
        // no Instrumentation at all: touching it would throw
        assertNull(Instrumentations.prepare(null, config(off)));
    }

    private static AgentConfig config(Properties system) {
        system.setProperty("java.io.tmpdir", System.getProperty("java.io.tmpdir"));
        return new ConfigLoader(system, null, Map.of()).load().config();
    }
}
