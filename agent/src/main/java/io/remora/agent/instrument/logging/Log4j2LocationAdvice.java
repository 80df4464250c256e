package io.remora.agent.instrument.logging;

import io.remora.bootstrap.logging.LogEvents;
import net.bytebuddy.asm.Advice;
import org.apache.logging.log4j.Level;

/** Inlined at the start of log4j2's {@code Logger.log(level, marker, fqcn, location, message, thrown)}. */
final class Log4j2LocationAdvice {

    private Log4j2LocationAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) Level level) {
        LogEvents.log4j2(level.intLevel());
    }
}
