package io.remora.it.instrument.app;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;

/**
 * Logs a known number of events at each level through log4j2, with no appender: the root logger at
 * INFO (DEBUG not logged, so not counted), one logger at TRACE, and some events through the
 * location-aware builder API, which reaches the logger by another method.
 */
public final class Log4j2App {

    public static final int FATALS = 1;
    public static final int ERRORS = 3;
    public static final int WARNINGS = 5;
    public static final int INFOS = 7;
    public static final int BUILT_INFOS = 2;
    public static final int DISABLED_DEBUGS = 4;
    public static final int VERBOSE_DEBUGS = 2;
    public static final int VERBOSE_TRACES = 1;

    private Log4j2App() {
    }

    public static void main(String[] args) {
        ConfigurationBuilder<BuiltConfiguration> config = ConfigurationBuilderFactory.newConfigurationBuilder();
        config.setStatusLevel(Level.ERROR);
        config.add(config.newRootLogger(Level.INFO));
        config.add(config.newLogger("com.acme.verbose", Level.TRACE));
        Configurator.initialize(config.build());
        Logger orders = LogManager.getLogger("com.acme.orders");
        Logger verbose = LogManager.getLogger("com.acme.verbose");
        LogbackApp.repeat(FATALS, () -> orders.fatal("gave up"));
        LogbackApp.repeat(ERRORS, () -> orders.error("order {} failed", 42, new IllegalStateException("out of stock")));
        LogbackApp.repeat(WARNINGS, () -> orders.warn("slow order"));
        LogbackApp.repeat(INFOS, () -> orders.info("order placed"));
        LogbackApp.repeat(BUILT_INFOS, () -> orders.atInfo().withLocation().log("order placed, said with its place"));
        LogbackApp.repeat(DISABLED_DEBUGS, () -> orders.debug("not logged"));
        LogbackApp.repeat(VERBOSE_DEBUGS, () -> verbose.debug("detail"));
        LogbackApp.repeat(VERBOSE_TRACES, () -> verbose.trace("more detail"));
        System.out.println("logged");
    }
}
