package io.remora.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.is;
import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.isExtensionClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameContains;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.not;

import io.remora.bootstrap.Meters;
import java.lang.instrument.Instrumentation;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * Builds and installs the one Byte Buddy transformer for all enabled modules. Types are ignored by
 * name before any module's matcher runs: the agent's own, Byte Buddy's, generated classes (lambdas,
 * proxies) and every JDK class not on a module's allow-list. Classes loaded before installation
 * are retransformed; advice is inlined, so no class changes shape and no helper class is injected.
 */
final class Instrumenter {

    /** Byte Buddy's switch for its Nexus, which it would otherwise set up through sun.misc.Unsafe. */
    private static final String NEXUS_DISABLED = "net.bytebuddy.nexus.disabled";

    private Instrumenter() {
    }

    static void install(Instrumentation instrumentation, List<InstrumentationModule> modules) {
        AgentBuilder builder = newAgentBuilder()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.PoolStrategy.Default.FAST)
                .with(new FailureLog())
                // advice woven into a named module (java.base, java.net.http) must read the
                // bootstrap loader's unnamed module, where the hooks are
                .with(new AgentBuilder.Listener.ModuleReadEdgeCompleting(instrumentation, false,
                        Collections.singleton(JavaModule.ofType(Meters.class))))
                .ignore(ignoredByName())
                .or(jdkTypesExcept(modules), isBootstrapClassLoader().or(isExtensionClassLoader()))
                .or(any(), is(Instrumenter.class.getClassLoader()));
        for (InstrumentationModule module : modules) {
            builder = module.extend(builder);
        }
        builder.installOn(instrumentation);
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

    private static ElementMatcher.Junction<TypeDescription> ignoredByName() {
        // the agent's own packages only: an application may have classes under io.remora too
        return nameStartsWith("io.remora.agent.")
                .or(nameStartsWith("io.remora.bootstrap."))
                .or(nameStartsWith("io.remora.exporter."))
                .or(nameStartsWith("io.remora.proto."))
                .or(nameStartsWith("net.bytebuddy."))
                .or(isSynthetic())
                .or(nameContains("$$Lambda"))
                .or(nameContains("$Proxy"))
                .or(nameContains("$$EnhancerBy"))
                .or(nameContains("$ByteBuddy$"))
                .or(nameStartsWith("jdk.internal.reflect.Generated"));
    }

    /** Classes of the bootstrap and platform loaders, except the prefixes that modules instrument. */
    private static ElementMatcher.Junction<TypeDescription> jdkTypesExcept(List<InstrumentationModule> modules) {
        ElementMatcher.Junction<TypeDescription> allowed = none();
        for (InstrumentationModule module : modules) {
            for (String prefix : module.jdkTypes()) {
                allowed = allowed.or(nameStartsWith(prefix));
            }
        }
        return not(allowed);
    }
}
