package io.remora.agent.instrument.logging;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.remora.agent.instrument.InstrumentationModule;
import io.remora.agent.instrument.MethodAdvice;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import java.util.Arrays;
import java.util.List;

/**
 * {@code logging}: the events an application logs, by level, through logback or log4j2, as
 * Micrometer's binders count them: each event once, where the logger has decided to log it (its
 * level enabled), before any appender. Two classes by exact name, so an application without
 * either library pays a set lookup per class.
 */
public final class LoggingModule implements InstrumentationModule {

    private static final String LOGBACK_LOGGER = "ch.qos.logback.classic.Logger";
    private static final String LOG4J2_LOGGER = "org.apache.logging.log4j.core.Logger";
    /** Overrides both methods without calling the core logger's. */
    private static final String LOG4J2_ASYNC_LOGGER = "org.apache.logging.log4j.core.async.AsyncLogger";

    @Override
    public String name() {
        return "logging";
    }

    @Override
    public List<TypeInstrumentation> types() {
        return Arrays.<TypeInstrumentation>asList(new Logback(), new Log4j2());
    }

    /** {@code Logger.callAppenders(ILoggingEvent)}: called once per event that passed the level check. */
    private static final class Logback implements TypeInstrumentation {
        @Override
        public ClassMatch classes() {
            return ClassMatch.named(LOGBACK_LOGGER);
        }

        @Override
        public MethodAdvice advice() {
            return MethodAdvice.on(named("callAppenders").and(takesArguments(1)), LogbackAdvice.class.getName());
        }
    }

    /**
     * log4j2's core {@code Logger} and its asynchronous subclass: an enabled event leaves through
     * {@code logMessage} or, when the API passes a location, the six-argument {@code log}; neither
     * calls the other, so each event is counted once.
     */
    private static final class Log4j2 implements TypeInstrumentation {
        @Override
        public ClassMatch classes() {
            return ClassMatch.named(LOG4J2_LOGGER, LOG4J2_ASYNC_LOGGER);
        }

        @Override
        public MethodAdvice advice() {
            return MethodAdvice.on(named("logMessage").and(takesArguments(5)).and(takesArgument(0, String.class)),
                    Log4j2MessageAdvice.class.getName())
                    .and(named("log").and(takesArguments(6)).and(takesArgument(3, StackTraceElement.class)),
                            Log4j2LocationAdvice.class.getName());
        }
    }
}
