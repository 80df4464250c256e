package io.remora.agent.instrument.logging;

import static io.remora.agent.instrument.inline.MethodMatcher.named;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArguments;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.remora.agent.instrument.MethodAdvice;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import io.remora.bootstrap.logging.LogEvents;
import net.bytebuddy.asm.Advice;

/** logback's {@code Logger.callAppenders(ILoggingEvent)}: called once per event that passed the level check. */
final class LogbackLoggerAdvice implements TypeInstrumentation {

    private static final String LOGBACK_LOGGER = "ch.qos.logback.classic.Logger";

    @Override
    public ClassMatch classes() {
        return ClassMatch.named(LOGBACK_LOGGER);
    }

    @Override
    public MethodAdvice advice() {
        return MethodAdvice.on(named("callAppenders").and(takesArguments(1)), CallAppenders.class.getName());
    }

    /** Inlined at the start of {@code Logger.callAppenders(ILoggingEvent)}. */
    static final class CallAppenders {

        private CallAppenders() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) ILoggingEvent event) {
            LogEvents.logback(event.getLevel().toInt());
        }
    }
}
