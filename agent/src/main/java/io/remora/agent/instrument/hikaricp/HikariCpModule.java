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
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * HikariCP's pools, under the {@code jdbc} switch, as its Micrometer tracker names them, for
 * applications that do not give HikariCP one (where they do, the Micrometer bridge exports the
 * tracker's own meters). Three classes by exact name: {@code HikariPool}'s constructor (which
 * registers the pool), {@code getConnection(timeout)} (acquire time, timeouts) and
 * {@code recycle(entry)} (a connection given back: its usage); {@code PoolBase.newConnection}
 * (creation time); {@code PoolEntry.createProxyConnection} (a connection handed out). Each passes the
 * pool's metrics-tracker delegate, so that the timers are recorded only when it is HikariCP's no-op
 * one. The connections themselves are read each interval by {@link HikariPoolCollector}.
 */
public final class HikariCpModule implements InstrumentationModule {

    private static final String PACKAGE = "com.zaxxer.hikari.pool.";

    @Override
    public String name() {
        return "jdbc";
    }

    @Override
    public List<TypeInstrumentation> types() {
        return Arrays.<TypeInstrumentation>asList(
                type("HikariPool", MethodAdvice.on(isConstructor(), ConstructorAdvice.class.getName())
                        .and(named("getConnection").and(takesArguments(1)).and(takesArgument(0, long.class)),
                                GetConnectionAdvice.class.getName())
                        .and(named("recycle").and(takesArguments(1)), RecycleAdvice.class.getName())),
                // HikariCP 6 takes a boolean
                type("PoolBase", MethodAdvice.on(named("newConnection"), NewConnectionAdvice.class.getName())),
                type("PoolEntry", MethodAdvice.on(named("createProxyConnection"), BorrowAdvice.class.getName())));
    }

    @Override
    public PeriodicCollector collector() {
        return new HikariPoolCollector();
    }

    private static TypeInstrumentation type(String simpleName, MethodAdvice advice) {
        return new TypeInstrumentation() {
            @Override
            public ClassMatch classes() {
                return ClassMatch.named(PACKAGE + simpleName);
            }

            @Override
            public MethodAdvice advice() {
                return advice;
            }
        };
    }

    /** Inlined at the end of {@code HikariPool(HikariConfig)}. */
    static final class ConstructorAdvice {

        private ConstructorAdvice() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object pool, @Advice.FieldValue("metricsTracker") Object tracker) {
            HikariPools.constructed(pool, tracker);
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
        static void exit(@Advice.This Object pool, @Advice.FieldValue("metricsTracker") Object tracker,
                @Advice.Enter long start, @Advice.Thrown Throwable thrown) {
            HikariPools.acquired(pool, tracker, start, thrown);
        }
    }

    /** Inlined at the start of {@code HikariPool.recycle(PoolEntry)}, where HikariCP records usage. */
    static final class RecycleAdvice {

        private RecycleAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object pool, @Advice.FieldValue("metricsTracker") Object tracker,
                @Advice.Argument(0) Object entry) {
            HikariPools.recycled(pool, tracker, entry);
        }
    }

    /** Inlined into {@code PoolBase.newConnection}, which opens each connection of the pool. */
    static final class NewConnectionAdvice {

        private NewConnectionAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return System.nanoTime();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object pool, @Advice.FieldValue("metricsTracker") Object tracker,
                @Advice.Enter long start) {
            HikariPools.created(pool, tracker, start);
        }
    }

    /** Inlined at the end of {@code PoolEntry.createProxyConnection}: the connection is handed out. */
    static final class BorrowAdvice {

        private BorrowAdvice() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object entry) {
            HikariPools.borrowed(entry);
        }
    }
}
