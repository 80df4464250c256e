package io.remora.agent.instrument.jdbc;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.nameContains;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.remora.agent.instrument.InstrumentationModule;
import io.remora.agent.instrument.LoaderMatchers;
import io.remora.bootstrap.jdbc.JdbcHooks;
import java.sql.SQLException;
import java.sql.Statement;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * JDBC: {@code db_client_operation_duration_seconds} around the execute methods of every
 * {@code Statement} implementation, the outermost call only (a pool's statement delegating to the
 * driver's is one operation). Prepared and callable statements get their verb from the SQL given to
 * {@code Connection.prepareStatement / prepareCall}, remembered per statement.
 *
 * <p>Matching stays cheap. Classes are first matched by name: a class whose name holds
 * {@code Statement} (or {@code Connection}) — which every driver and pool we know of follows:
 * {@code JdbcPreparedStatement}, {@code PgStatement}, {@code ClientPreparedStatement},
 * {@code HikariProxyStatement}, {@code T4CConnection} — or that belongs to IBM's DB2 driver, whose
 * classes are obfuscated. Only those few are checked against the hierarchy
 * ({@code hasSuperType(java.sql.Statement)}), which means reading their supertypes' class files; a
 * hierarchy matcher on every class the application loads is what makes agents slow to start. The
 * loader check before it ({@code java.sql.Statement} visible) only rules out loaders of
 * images built without {@code java.sql}: every other loader sees it, and no marker class is shared
 * by all drivers. A driver that names its statements otherwise is not measured.
 */
public final class JdbcModule implements InstrumentationModule {

    private static final String STATEMENT = "java.sql.Statement";
    private static final String CONNECTION = "java.sql.Connection";
    /** IBM's DB2 driver obfuscates its class names ({@code com.ibm.db2.jcc.am.xo}). */
    private static final String DB2_DRIVER = "com.ibm.db2.jcc.";

    @Override
    public String name() {
        return "jdbc";
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder) {
        ElementMatcher.Junction<MethodDescription> concrete = isPublic().and(not(isStatic())).and(not(isAbstract()));
        return builder
                .type(implementing("Statement", STATEMENT), LoaderMatchers.canSee(STATEMENT))
                .transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(JdbcModule.class.getClassLoader())
                        .advice(concrete.and(namedOneOf("execute", "executeQuery", "executeUpdate",
                                "executeLargeUpdate").and(takesArgument(0, String.class).or(takesArguments(0)))
                                .or(namedOneOf("executeBatch", "executeLargeBatch").and(takesArguments(0)))),
                                ExecuteAdvice.class.getName()))
                .type(implementing("Connection", CONNECTION), LoaderMatchers.canSee(CONNECTION))
                .transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(JdbcModule.class.getClassLoader())
                        .advice(concrete.and(namedOneOf("prepareStatement", "prepareCall"))
                                .and(takesArgument(0, String.class)), PrepareAdvice.class.getName()));
    }

    /** Name first, then the hierarchy, for the few classes whose name passed. */
    private static ElementMatcher.Junction<TypeDescription> implementing(String nameHolds, String jdbcInterface) {
        return nameContains(nameHolds).or(nameStartsWith(DB2_DRIVER))
                .and(not(isInterface()))
                .and(hasSuperType(named(jdbcInterface)));
    }

    /**
     * Every execute method: {@code execute*(String sql, ...)} takes the verb of its SQL, parsed on
     * each outermost call; {@code execute()} of a prepared or callable statement its remembered
     * verb; {@code executeBatch()} {@code BATCH <verb>}, or {@code BATCH} for a plain statement.
     */
    static final class ExecuteAdvice {

        private ExecuteAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return JdbcHooks.enter();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long start, @Advice.This Statement self, @Advice.Origin("#m") String method,
                @Advice.Argument(value = 0, optional = true) String sql, @Advice.Thrown Throwable thrown)
                throws SQLException {
            boolean outermost = JdbcHooks.exit(start);
            if (JdbcHooks.needsUrl(self)) {
                JdbcHooks.learnSystem(self, self.getConnection().getMetaData().getURL());
            }
            if (outermost) {
                JdbcHooks.record(start, JdbcHooks.operation(self, method, sql), thrown);
            }
        }
    }

    /** {@code Connection.prepareStatement(sql, ...)} and {@code prepareCall(sql, ...)}: the statement keeps its verb. */
    static final class PrepareAdvice {

        private PrepareAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static boolean enter() {
            return JdbcHooks.enterPrepare();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter boolean outermost, @Advice.Argument(0) String sql,
                @Advice.Return Object statement) {
            JdbcHooks.exitPrepare(outermost, statement, sql);
        }
    }
}
