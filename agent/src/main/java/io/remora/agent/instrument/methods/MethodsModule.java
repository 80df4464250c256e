package io.remora.agent.instrument.methods;

import io.remora.agent.instrument.InstrumentationModule;
import io.remora.agent.instrument.TypeInstrumentation;
import java.util.Collections;
import java.util.List;

/**
 * {@code remora.methods}: the named methods of application classes timed into
 * {@code method_duration_seconds{class,method,error_type}}. Every call is one observation, a
 * recursive call too (outermost-only would need a per-thread depth per method). Methods of JDK
 * classes are dropped by the configuration check, with a reason: the agent ignores the JDK unless a
 * module lists a class, and its own hooks run on it. A named class that never loads costs a set
 * lookup per loaded class.
 */
public final class MethodsModule implements InstrumentationModule {

    private final MethodSelection selection;

    /** @param methods {@code Class#method} and {@code Class#*}, as the configuration checked them */
    public MethodsModule(List<String> methods) {
        this.selection = MethodSelection.of(methods);
    }

    @Override
    public String name() {
        return "methods";
    }

    @Override
    public List<TypeInstrumentation> types() {
        return selection.isEmpty() ? Collections.<TypeInstrumentation>emptyList()
                : Collections.<TypeInstrumentation>singletonList(new NamedMethodAdvice(selection));
    }
}
