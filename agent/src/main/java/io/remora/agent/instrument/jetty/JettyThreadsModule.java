package io.remora.agent.instrument.jetty;

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
 * Jetty's server thread pool (9.4 to 12), under the {@code executor} switch: every
 * {@code org.eclipse.jetty.server.Server} registers at the end of its constructors (one class, by
 * exact name; those that call another register once), and {@link JettyThreadsCollector} reads its
 * pool each interval. Only the server's pool, as Micrometer's binder in Spring Boot reads it, not a
 * Jetty client's. The pool is also measured as an {@code executor_*} pool, by the executor module.
 */
public final class JettyThreadsModule implements InstrumentationModule, TypeInstrumentation {

    private static final String SERVER = "org.eclipse.jetty.server.Server";

    @Override
    public String name() {
        return "executor";
    }

    @Override
    public List<TypeInstrumentation> types() {
        return Collections.<TypeInstrumentation>singletonList(this);
    }

    @Override
    public PeriodicCollector collector() {
        return new JettyThreadsCollector();
    }

    @Override
    public ClassMatch classes() {
        return ClassMatch.named(SERVER);
    }

    @Override
    public MethodAdvice advice() {
        return MethodAdvice.on(isConstructor(), ConstructorAdvice.class.getName());
    }

    /** Inlined at the end of each {@code Server} constructor. */
    static final class ConstructorAdvice {

        private ConstructorAdvice() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object server) {
            ContainerParts.jettyServerBuilt(server);
        }
    }
}
