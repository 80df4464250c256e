package io.remora.agent.instrument.hikaricp;

import io.remora.agent.collect.PeriodicCollector;
import io.remora.agent.instrument.InstrumentationModule;
import io.remora.agent.instrument.TypeInstrumentation;
import java.util.Arrays;
import java.util.List;

/**
 * HikariCP's pools, under the {@code jdbc} switch, as its Micrometer tracker names them, for
 * applications that do not give HikariCP one (where they do, the Micrometer bridge exports the
 * tracker's own meters). Three classes by exact name: {@code HikariPool} (the pool, acquire time,
 * timeouts, usage: {@link HikariPoolAdvice}), {@code PoolBase} (creation time: {@link PoolBaseAdvice})
 * and {@code PoolEntry} (a connection handed out: {@link PoolEntryAdvice}). Each passes the pool's
 * metrics-tracker delegate, so that the timers are recorded only when it is HikariCP's no-op one.
 * The connections themselves are read each interval by {@link HikariPoolCollector}.
 */
public final class HikariCpModule implements InstrumentationModule {

    static final String PACKAGE = "com.zaxxer.hikari.pool.";

    @Override
    public String name() {
        return "jdbc";
    }

    @Override
    public List<TypeInstrumentation> types() {
        return Arrays.<TypeInstrumentation>asList(new HikariPoolAdvice(), new PoolBaseAdvice(), new PoolEntryAdvice());
    }

    @Override
    public PeriodicCollector collector() {
        return new HikariPoolCollector();
    }
}
