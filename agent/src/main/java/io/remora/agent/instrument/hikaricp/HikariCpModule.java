package io.remora.agent.instrument.hikaricp;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.remora.agent.collect.PeriodicCollector;
import io.remora.agent.instrument.InstrumentationModule;
import io.remora.agent.instrument.MethodAdvice;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import io.remora.bootstrap.hikaricp.HikariPools;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * HikariCP's pools, under the {@code jdbc} switch, as its Micrometer tracker names them, for
 * applications that do not give HikariCP one (where they do, the Micrometer bridge exports the
 * tracker's own meters): one class by exact name, its constructor (which registers the pool) and
 * {@code getConnection(timeout)} (acquire time, timeouts); the connections themselves are read each
 * interval by {@link HikariPoolCollector}.
 */
public final class HikariCpModule implements InstrumentationModule, TypeInstrumentation {

    private static final String POOL = "com.zaxxer.hikari.pool.HikariPool";

    @Override
    public String name() {
        return "jdbc";
    }

    @Override
    public List<TypeInstrumentation> types() {
        return Collections.<TypeInstrumentation>singletonList(this);
    }

    @Override
    public PeriodicCollector collector() {
        return new HikariPoolCollector();
    }

    @Override
    public ClassMatch classes() {
        return ClassMatch.named(POOL);
    }

    @Override
    public MethodAdvice advice() {
        return MethodAdvice.on(isConstructor(), ConstructorAdvice.class.getName())
                .and(named("getConnection").and(takesArguments(1)).and(takesArgument(0, long.class)),
                        GetConnectionAdvice.class.getName());
    }

    /** Inlined at the end of {@code HikariPool(HikariConfig)}. */
    static final class ConstructorAdvice {

        private ConstructorAdvice() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object pool) {
            HikariPools.constructed(pool);
        }
    }

    /** Inlined into {@code HikariPool.getConnection(long hardTimeout)}, which the other overload calls. */
    static final class GetConnectionAdvice {

        private GetConnectionAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return System.nanoTime();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object pool, @Advice.Enter long start, @Advice.Thrown Throwable thrown) {
            HikariPools.acquired(pool, start, thrown);
        }
    }
}
