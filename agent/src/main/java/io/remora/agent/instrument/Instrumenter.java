package io.remora.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.none;

import io.remora.bootstrap.Meters;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.utility.JavaModule;

/**
 * Builds Byte Buddy's transformer for each type instrumentation: the classes reach it already chosen
 * by the {@link io.remora.agent.instrument.select.ClassSelector}, so none of Byte Buddy's type
 * matchers or ignore rules runs; it only weaves the advice. Advice is inlined, so no class changes
 * shape and no helper class is injected, which is what lets loaded classes be retransformed.
 */
final class Instrumenter {

    /** Byte Buddy's switch for its Nexus, which it would otherwise set up through sun.misc.Unsafe. */
    private static final String NEXUS_DISABLED = "net.bytebuddy.nexus.disabled";

    private Instrumenter() {
    }

    /** @return one transformer per type instrumentation, in the same order */
    static ClassFileTransformer[] transformers(Instrumentation instrumentation, List<TypeInstrumentation> types) {
        FailureLog failures = new FailureLog();
        // advice woven into a named module (java.base, java.net.http) must read the bootstrap
        // loader's unnamed module, where the hooks are
        AgentBuilder.Listener readEdges = new AgentBuilder.Listener.ModuleReadEdgeCompleting(instrumentation, false,
                Collections.singleton(JavaModule.ofType(Meters.class)));
        ClassFileTransformer[] transformers = new ClassFileTransformer[types.size()];
        for (int i = 0; i < transformers.length; i++) {
            transformers[i] = newAgentBuilder()
                    .disableClassFormatChanges()
                    .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                    .with(AgentBuilder.PoolStrategy.Default.FAST)
                    .with(failures)
                    .with(readEdges)
                    .ignore(none())
                    .type(any())
                    .transform(types.get(i).transformer())
                    .makeRaw();
        }
        return transformers;
    }

    /**
     * Creating an AgentBuilder initialises Byte Buddy's Nexus (a helper for self-initialising types,
     * which inlined advice never uses) and that touches sun.misc.Unsafe, which JDK 24+ reports on the
     * application's stderr. The Nexus reads its switch once, while its class initialises: the
     * property is set for that moment only and put back as it was.
     */
    private static AgentBuilder newAgentBuilder() {
        String before = System.getProperty(NEXUS_DISABLED);
        System.setProperty(NEXUS_DISABLED, "true");
        try {
            return new AgentBuilder.Default();
        } finally {
            if (before == null) {
                System.clearProperty(NEXUS_DISABLED);
            } else {
                System.setProperty(NEXUS_DISABLED, before);
            }
        }
    }
}
