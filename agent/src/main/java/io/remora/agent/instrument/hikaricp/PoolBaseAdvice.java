package io.remora.agent.instrument.hikaricp;

import static io.remora.agent.instrument.inline.MethodMatcher.named;

import io.remora.agent.instrument.MethodAdvice;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import io.remora.bootstrap.hikaricp.HikariPools;
import net.bytebuddy.asm.Advice;

/** {@code com.zaxxer.hikari.pool.PoolBase.newConnection} (HikariCP 6's takes a boolean): a connection's creation time. */
final class PoolBaseAdvice implements TypeInstrumentation {

    @Override
    public ClassMatch classes() {
        return ClassMatch.named(HikariCpModule.PACKAGE + "PoolBase");
    }

    @Override
    public MethodAdvice advice() {
        return MethodAdvice.on(named("newConnection"), NewConnection.class.getName());
    }

    /** Inlined into {@code PoolBase.newConnection}, which opens each connection of the pool. */
    static final class NewConnection {

        private NewConnection() {
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
}
