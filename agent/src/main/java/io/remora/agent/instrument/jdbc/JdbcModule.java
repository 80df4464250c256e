package io.remora.agent.instrument.jdbc;

import static io.remora.agent.instrument.inline.MethodMatcher.isAbstract;
import static io.remora.agent.instrument.inline.MethodMatcher.isPublic;
import static io.remora.agent.instrument.inline.MethodMatcher.isStatic;
import static io.remora.agent.instrument.inline.MethodMatcher.not;

import io.remora.agent.instrument.InstrumentationModule;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.inline.MethodMatcher;
import java.util.Arrays;
import java.util.List;

/**
 * JDBC: {@code db_client_operation_duration_seconds} around the execute methods of every
 * {@code Statement} implementation ({@link StatementAdvice}), the outermost call only (a pool's
 * statement delegating to the driver's is one operation). Prepared and callable statements get their
 * verb from the SQL given to {@code Connection.prepareStatement / prepareCall}, remembered per
 * statement ({@link ConnectionAdvice}).
 *
 * <p>Every implementation of {@code Statement} and {@code Connection} is matched, whatever its
 * name, through the class selection's memoized hierarchy answers, which cost each loading class a
 * map lookup or two. Pools and proxies that delegate are matched too: their calls nest and count once.
 */
public final class JdbcModule implements InstrumentationModule {

    @Override
    public String name() {
        return "jdbc";
    }

    @Override
    public List<TypeInstrumentation> types() {
        return Arrays.<TypeInstrumentation>asList(new StatementAdvice(), new ConnectionAdvice());
    }

    /** The methods a driver implements: public, of the instance, with a body. */
    static MethodMatcher concrete() {
        return isPublic().and(not(isStatic())).and(not(isAbstract()));
    }
}
