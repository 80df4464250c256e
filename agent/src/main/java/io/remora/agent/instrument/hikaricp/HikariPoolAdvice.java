package io.remora.agent.instrument.hikaricp;

import static io.remora.agent.instrument.inline.MethodMatcher.isConstructor;
import static io.remora.agent.instrument.inline.MethodMatcher.named;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArgument;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArguments;

import io.remora.agent.instrument.MethodAdvice;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import io.remora.bootstrap.hikaricp.HikariPools;
import net.bytebuddy.asm.Advice;

/**
 * {@code com.zaxxer.hikari.pool.HikariPool}: its constructor registers the pool,
 * {@code getConnection(timeout)} times an acquisition (and counts a timeout), {@code recycle(entry)}
 * ends a connection's usage.
 */
final class HikariPoolAdvice implements TypeInstrumentation {

    @Override
    public ClassMatch classes() {
        return ClassMatch.named(HikariCpModule.PACKAGE + "HikariPool");
    }

    @Override
    public MethodAdvice advice() {
        return MethodAdvice.on(isConstructor(), Constructed.class.getName())
                .and(named("getConnection").and(takesArguments(1)).and(takesArgument(0, long.class)),
                        GetConnection.class.getName())
                .and(named("recycle").and(takesArguments(1)), Recycle.class.getName());
    }

    /** Inlined at the end of {@code HikariPool(HikariConfig)}. */
    static final class Constructed {

        private Constructed() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object pool, @Advice.FieldValue("metricsTracker") Object tracker) {
            HikariPools.constructed(pool, tracker);
        }
    }

    /** Inlined into {@code HikariPool.getConnection(long hardTimeout)}, which the other overload calls. */
    static final class GetConnection {

        private GetConnection() {
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
    static final class Recycle {

        private Recycle() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object pool, @Advice.FieldValue("metricsTracker") Object tracker,
                @Advice.Argument(0) Object entry) {
            HikariPools.recycled(pool, tracker, entry);
        }
    }
}
