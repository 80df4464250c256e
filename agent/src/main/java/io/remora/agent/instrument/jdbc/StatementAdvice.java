package io.remora.agent.instrument.jdbc;

import static io.remora.agent.instrument.inline.MethodMatcher.namedOneOf;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArgument;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArguments;

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

/** Every {@code Statement} implementation: its execute methods, timed, the outermost call only. */
final class StatementAdvice implements TypeInstrumentation {

    private static final String STATEMENT = "java.sql.Statement";
    /** Take the SQL as their first argument, or none (a prepared statement's). */
    private static final String[] EXECUTE = {"execute", "executeQuery", "executeUpdate", "executeLargeUpdate"};
    private static final String[] EXECUTE_BATCH = {"executeBatch", "executeLargeBatch"};

    @Override
    public ClassMatch classes() {
        List<String> methods = new ArrayList<>(Arrays.asList(EXECUTE));
        methods.addAll(Arrays.asList(EXECUTE_BATCH));
        return ClassMatch.implementing(STATEMENT).declaring(methods.toArray(new String[0]));
    }

    @Override
    public MethodAdvice advice() {
        return MethodAdvice.on(JdbcModule.concrete().and(
                namedOneOf(EXECUTE).and(takesArgument(0, String.class).or(takesArguments(0)))
                        .or(namedOneOf(EXECUTE_BATCH).and(takesArguments(0)))),
                Execute.class.getName());
    }

    /**
     * Every execute method: {@code execute*(String sql, ...)} takes the verb of its SQL, parsed on
     * each outermost call; {@code execute()} of a prepared or callable statement its remembered
     * verb; {@code executeBatch()} {@code BATCH <verb>}, or {@code BATCH} for a plain statement.
     */
    static final class Execute {

        private Execute() {
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
}
