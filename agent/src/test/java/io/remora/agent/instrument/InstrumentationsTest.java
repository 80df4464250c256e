package io.remora.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Collections;
import org.junit.jupiter.api.Test;

class InstrumentationsTest {

    @Test
    void withNoModuleEnabledNothingIsInjectedOrInstalled() {
        // no Instrumentation at all: touching it would throw
        assertNull(Instrumentations.prepare(null, Collections.<InstrumentationModule>emptyList()));
    }
}
