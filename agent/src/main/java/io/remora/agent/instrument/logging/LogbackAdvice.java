package io.remora.agent.instrument.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.remora.bootstrap.logging.LogEvents;
import net.bytebuddy.asm.Advice;

/** Inlined at the start of logback's {@code Logger.callAppenders(ILoggingEvent)}. */
final class LogbackAdvice {

    private LogbackAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) ILoggingEvent event) {
        LogEvents.logback(event.getLevel().toInt());
    }
}
