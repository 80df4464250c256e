package io.remora.agent.instrument.catalog;

import io.remora.agent.instrument.InstrumentationModule;
import io.remora.agent.instrument.apachehttpclient.ApacheHttpClientModule;
import io.remora.agent.instrument.clientjava.ClientJavaModule;
import io.remora.agent.instrument.executor.ExecutorModule;
import io.remora.agent.instrument.grpc.GrpcModule;
import io.remora.agent.instrument.hikaricp.HikariCpModule;
import io.remora.agent.instrument.jdbc.JdbcModule;
import io.remora.agent.instrument.jdkhttpclient.JdkHttpClientModule;
import io.remora.agent.instrument.jdkhttpserver.JdkHttpServerModule;
import io.remora.agent.instrument.jedis.JedisModule;
import io.remora.agent.instrument.jetty.JettyThreadsModule;
import io.remora.agent.instrument.kafka.KafkaModule;
import io.remora.agent.instrument.lettuce.LettuceModule;
import io.remora.agent.instrument.logging.LoggingModule;
import io.remora.agent.instrument.methods.MethodsModule;
import io.remora.agent.instrument.micrometer.MicrometerModule;
import io.remora.agent.instrument.okhttp.OkHttpModule;
import io.remora.agent.instrument.reactornetty.ReactorNettyClientModule;
import io.remora.agent.instrument.reactornetty.ReactorNettyServerModule;
import io.remora.agent.instrument.select.ClassMatch;
import io.remora.agent.instrument.servlet.ServletModule;
import io.remora.agent.instrument.tomcat.TomcatSessionsModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Every instrumentation the agent has, and so every switch: {@code remora.instrumentation.<name>.enabled}
 * exists for each module's name. Kept apart from {@code Instrumentations}, which installs whatever
 * it is given, so that the modules depend on the instrumentation API and nothing depends back on them.
 */
public final class Catalog {

    /** Read once, on first use. */
    private static MatchTable table;

    private Catalog() {
    }

    /**
     * Every instrumentation, in the order they are installed; a new one adds its line here.
     *
     * @param methods {@code remora.methods}, as the configuration checked it
     */
    public static List<InstrumentationModule> all(List<String> methods) {
        List<InstrumentationModule> modules = new ArrayList<>();
        modules.add(new JdkHttpServerModule());
        modules.add(new ServletModule());
        modules.add(new TomcatSessionsModule());
        modules.add(new ReactorNettyServerModule());
        modules.add(new JdkHttpClientModule());
        modules.add(new ApacheHttpClientModule());
        modules.add(new OkHttpModule());
        modules.add(new ReactorNettyClientModule());
        modules.add(new JdbcModule());
        modules.add(new HikariCpModule());
        modules.add(new JedisModule());
        modules.add(new LettuceModule());
        modules.add(new GrpcModule());
        modules.add(new KafkaModule());
        modules.add(new ExecutorModule());
        modules.add(new JettyThreadsModule());
        modules.add(new LoggingModule());
        modules.add(new MethodsModule(methods));
        // last: the bridges' collectors run after the others in a round, so they see which series Remora wrote itself
        modules.add(new MicrometerModule());
        modules.add(new ClientJavaModule());
        return modules;
    }

    /**
     * The modules' switch names, each once, in the order of {@link #all}: read in premain from the
     * table the build wrote, so that no module is built there.
     */
    public static List<String> switches() {
        return table().switches();
    }

    /**
     * In premain: the class matches of the modules switched on, from the build's table (the methods
     * module's from {@code methods}), in the order of {@link #enabled}'s type instrumentations.
     */
    public static List<ClassMatch> matches(Set<String> switchedOn, List<String> methods) {
        return table().matches(switchedOn, new MethodsModule(methods));
    }

    /** On the agent's thread: the modules switched on, built, in the order of {@link #all}. */
    public static List<InstrumentationModule> enabled(Set<String> switchedOn, List<String> methods) {
        List<InstrumentationModule> enabled = new ArrayList<>();
        for (InstrumentationModule module : all(methods)) {
            if (switchedOn.contains(module.name())) {
                enabled.add(module);
            }
        }
        return enabled;
    }

    private static synchronized MatchTable table() {
        if (table == null) {
            table = MatchTable.read();
        }
        return table;
    }
}
