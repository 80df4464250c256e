package io.remora.agent.instrument.logging;

import io.remora.agent.instrument.InstrumentationModule;
import io.remora.agent.instrument.TypeInstrumentation;
import java.util.Arrays;
import java.util.List;

/**
 * {@code logging}: the events an application logs, by level, through logback
 * ({@link LogbackLoggerAdvice}) or log4j2 ({@link Log4j2LoggerAdvice}), as Micrometer's binders count
 * them: each event once, where the logger has decided to log it (its level enabled), before any
 * appender. Classes by exact name, so an application without either library pays a set lookup per class.
 */
public final class LoggingModule implements InstrumentationModule {

    @Override
    public String name() {
        return "logging";
    }

    @Override
    public List<TypeInstrumentation> types() {
        return Arrays.<TypeInstrumentation>asList(new LogbackLoggerAdvice(), new Log4j2LoggerAdvice());
    }
}
