package io.remora.agent.instrument.logging;

import io.remora.bootstrap.logging.LogEvents;
import net.bytebuddy.asm.Advice;
import org.apache.logging.log4j.Level;

/** Inlined at the start of log4j2's {@code Logger.logMessage(fqcn, level, marker, message, thrown)}. */
final class Log4j2MessageAdvice {

    private Log4j2MessageAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(1) Level level) {
        LogEvents.log4j2(level.intLevel());
    }
}
