package io.remora.agent.instrument.jdbc;

import static io.remora.agent.instrument.inline.MethodMatcher.namedOneOf;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArgument;

import io.remora.agent.instrument.MethodAdvice;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import io.remora.bootstrap.jdbc.JdbcHooks;
import net.bytebuddy.asm.Advice;

/** Every {@code Connection} implementation: the SQL given to prepare a statement, which the statement keeps. */
final class ConnectionAdvice implements TypeInstrumentation {

    private static final String CONNECTION = "java.sql.Connection";
    private static final String[] PREPARE = {"prepareStatement", "prepareCall"};

    @Override
    public ClassMatch classes() {
        return ClassMatch.implementing(CONNECTION).declaring(PREPARE);
    }

    @Override
    public MethodAdvice advice() {
        return MethodAdvice.on(JdbcModule.concrete().and(namedOneOf(PREPARE)).and(takesArgument(0, String.class)),
                Prepare.class.getName());
    }

    /** {@code Connection.prepareStatement(sql, ...)} and {@code prepareCall(sql, ...)}: the statement keeps its verb. */
    static final class Prepare {

        private Prepare() {
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
