package io.remora.agent.instrument.tomcat;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;

import io.remora.agent.instrument.InstrumentationModule;
import io.remora.agent.instrument.MethodAdvice;
import io.remora.agent.instrument.PeriodicCollector;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import io.remora.bootstrap.containers.ContainerParts;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * Tomcat's sessions (9, 10 and 11), under the {@code http-server} switch: every session manager
 * registers at the end of {@code ManagerBase}'s constructor (one class, by exact name, which every
 * manager of Tomcat's extends), and {@link TomcatSessionsCollector} reads them each interval. A
 * manager built before an attached agent was up is not seen.
 */
public final class TomcatSessionsModule implements InstrumentationModule, TypeInstrumentation {

    private static final String MANAGER_BASE = "org.apache.catalina.session.ManagerBase";

    @Override
    public String name() {
        return "http-server";
    }

    @Override
    public List<TypeInstrumentation> types() {
        return Collections.<TypeInstrumentation>singletonList(this);
    }

    @Override
    public PeriodicCollector collector() {
        return new TomcatSessionsCollector();
    }

    @Override
    public ClassMatch classes() {
        return ClassMatch.named(MANAGER_BASE);
    }

    @Override
    public MethodAdvice advice() {
        return MethodAdvice.on(isConstructor(), ConstructorAdvice.class.getName());
    }

    /** Inlined at the end of {@code ManagerBase()}. */
    static final class ConstructorAdvice {

        private ConstructorAdvice() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object manager) {
            ContainerParts.sessionManagerBuilt(manager);
        }
    }
}
