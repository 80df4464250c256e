package io.remora.agent.instrument.hikaricp;

import static io.remora.agent.instrument.inline.MethodMatcher.named;

import io.remora.agent.instrument.MethodAdvice;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import io.remora.bootstrap.hikaricp.HikariPools;
import net.bytebuddy.asm.Advice;

/** {@code com.zaxxer.hikari.pool.PoolEntry.createProxyConnection}: a connection handed out, its usage begins. */
final class PoolEntryAdvice implements TypeInstrumentation {

    @Override
    public ClassMatch classes() {
        return ClassMatch.named(HikariCpModule.PACKAGE + "PoolEntry");
    }

    @Override
    public MethodAdvice advice() {
        return MethodAdvice.on(named("createProxyConnection"), CreateProxyConnection.class.getName());
    }

    /** Inlined at the end of {@code PoolEntry.createProxyConnection}. */
    static final class CreateProxyConnection {

        private CreateProxyConnection() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object entry) {
            HikariPools.borrowed(entry);
        }
    }
}
