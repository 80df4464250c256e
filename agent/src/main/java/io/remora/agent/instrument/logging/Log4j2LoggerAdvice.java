package io.remora.agent.instrument.logging;

import static io.remora.agent.instrument.inline.MethodMatcher.named;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArgument;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArguments;

import io.remora.agent.instrument.MethodAdvice;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import io.remora.bootstrap.logging.LogEvents;
import net.bytebuddy.asm.Advice;
import org.apache.logging.log4j.Level;

/**
 * log4j2's core {@code Logger} and its asynchronous subclass (which overrides both methods without
 * calling the core logger's): an enabled event leaves through {@code logMessage} or, when the API
 * passes a location, the six-argument {@code log}; neither calls the other, so each event is counted once.
 */
final class Log4j2LoggerAdvice implements TypeInstrumentation {

    private static final String LOG4J2_LOGGER = "org.apache.logging.log4j.core.Logger";
    private static final String LOG4J2_ASYNC_LOGGER = "org.apache.logging.log4j.core.async.AsyncLogger";

    @Override
    public ClassMatch classes() {
        return ClassMatch.named(LOG4J2_LOGGER, LOG4J2_ASYNC_LOGGER);
    }

    @Override
    public MethodAdvice advice() {
        return MethodAdvice.on(named("logMessage").and(takesArguments(5)).and(takesArgument(0, String.class)),
                LogMessage.class.getName())
                .and(named("log").and(takesArguments(6)).and(takesArgument(3, StackTraceElement.class)),
                        LogWithLocation.class.getName());
    }

    /** Inlined at the start of {@code Logger.logMessage(fqcn, level, marker, message, thrown)}. */
    static final class LogMessage {

        private LogMessage() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(1) Level level) {
            LogEvents.log4j2(level.intLevel());
        }
    }

    /** Inlined at the start of {@code Logger.log(level, marker, fqcn, location, message, thrown)}. */
    static final class LogWithLocation {

        private LogWithLocation() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) Level level) {
            LogEvents.log4j2(level.intLevel());
        }
    }
}
