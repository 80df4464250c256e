package io.remora.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.agent.instrument.select.ClassMatch;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstrumentationsTest {

    private static final TypeInstrumentation PRINTER = new Named("com.example.Printer");
    private static final TypeInstrumentation SCANNER = new Named("com.example.Scanner");
    private static final InstrumentationModule OFFICE = new InstrumentationModule() {
        @Override
        public String name() {
            return "office";
        }

        @Override
        public List<TypeInstrumentation> types() {
            return Arrays.asList(PRINTER, SCANNER);
        }
    };

    @Test
    void withNoModuleEnabledNothingIsInjectedOrInstalled() {
        // no Instrumentation at all: touching it would throw
        assertNull(Instrumentations.prepare(null, Collections.<String>emptyList(), Collections.emptyList()));
    }

    @Test
    void theModulesTypesAreInstalledInTheSelectionsOrder() {
        assertEquals(Arrays.asList(PRINTER, SCANNER), Instrumentations.typesMatching(
                Arrays.asList(PRINTER.classes(), SCANNER.classes()), Collections.singletonList(OFFICE)));
    }

    @Test
    void modulesThatDifferFromTheSelectionAreRefused() {
        for (List<ClassMatch> selection : Arrays.<List<ClassMatch>>asList(
                Arrays.asList(SCANNER.classes(), PRINTER.classes()), Collections.singletonList(PRINTER.classes()),
                Arrays.asList(PRINTER.classes(), SCANNER.classes(), PRINTER.classes()))) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Instrumentations.typesMatching(selection, Collections.singletonList(OFFICE)));
            assertTrue(e.getMessage().endsWith("the agent jar's match table is stale"), e.getMessage());
        }
    }

    private static final class Named implements TypeInstrumentation {
        private final String name;

        Named(String name) {
            this.name = name;
        }

        @Override
        public ClassMatch classes() {
            return ClassMatch.named(name);
        }

        @Override
        public MethodAdvice advice() {
            throw new AssertionError("not woven here");
        }
    }
}
