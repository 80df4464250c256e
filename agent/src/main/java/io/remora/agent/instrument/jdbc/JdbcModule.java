package io.remora.agent.instrument.jdbc;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.remora.agent.instrument.InstrumentationModule;
import io.remora.agent.instrument.MethodAdvice;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import io.remora.bootstrap.jdbc.JdbcHooks;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * JDBC: {@code db_client_operation_duration_seconds} around the execute methods of every
 * {@code Statement} implementation, the outermost call only (a pool's statement delegating to the
 * driver's is one operation). Prepared and callable statements get their verb from the SQL given to
 * {@code Connection.prepareStatement / prepareCall}, remembered per statement.
 *
 * <p>Every implementation of {@code Statement} and {@code Connection} is matched, whatever its
 * name, through the class selection's memoized hierarchy answers, which cost each loading class a
 * map lookup or two. Pools and proxies that delegate are matched too: their calls nest and count once.
 */
public final class JdbcModule implements InstrumentationModule {

    private static final String STATEMENT = "java.sql.Statement";
    private static final String CONNECTION = "java.sql.Connection";
    /** Take the SQL as their first argument, or none (a prepared statement's). */
    private static final String[] EXECUTE = {"execute", "executeQuery", "executeUpdate", "executeLargeUpdate"};
    private static final String[] EXECUTE_BATCH = {"executeBatch", "executeLargeBatch"};
    private static final String[] PREPARE = {"prepareStatement", "prepareCall"};

    @Override
    public String name() {
        return "jdbc";
    }

    @Override
    public List<TypeInstrumentation> types() {
        return Arrays.<TypeInstrumentation>asList(new Statements(), new Connections());
    }

    private static ElementMatcher.Junction<MethodDescription> concrete() {
        return isPublic().and(not(isStatic())).and(not(isAbstract()));
    }

    /** Statement implementations: their execute methods. */
    private static final class Statements implements TypeInstrumentation {

        @Override
        public ClassMatch classes() {
            List<String> methods = new ArrayList<>(Arrays.asList(EXECUTE));
            methods.addAll(Arrays.asList(EXECUTE_BATCH));
            return ClassMatch.implementing(STATEMENT).declaring(methods.toArray(new String[0]));
        }

        @Override
        public MethodAdvice advice() {
            return MethodAdvice.on(concrete().and(
                    namedOneOf(EXECUTE).and(takesArgument(0, String.class).or(takesArguments(0)))
                            .or(namedOneOf(EXECUTE_BATCH).and(takesArguments(0)))),
                    ExecuteAdvice.class.getName());
        }
    }

    /** Connection implementations: the SQL given to prepare a statement. */
    private static final class Connections implements TypeInstrumentation {

        @Override
        public ClassMatch classes() {
            return ClassMatch.implementing(CONNECTION).declaring(PREPARE);
        }

        @Override
        public MethodAdvice advice() {
            return MethodAdvice.on(concrete().and(namedOneOf(PREPARE)).and(takesArgument(0, String.class)),
                    PrepareAdvice.class.getName());
        }
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
