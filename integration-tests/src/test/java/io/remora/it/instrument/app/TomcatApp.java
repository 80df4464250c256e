package io.remora.it.instrument.app;

import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * {@link JakartaServletsApp} in embedded Tomcat 10.1 on a loopback port, sent {@link ServletTraffic},
 * with a session opened at each GET of an item ({@link SessionPerItem}).
 */
public final class TomcatApp {

    private TomcatApp() {
    }

    public static void main(String[] args) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("remora-tomcat").toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        connector.setProperty("maxThreads", Integer.toString(ServletTraffic.MAX_THREADS));
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        context.addServletContainerInitializer(new JakartaServletsApp(), null);
        context.addServletContainerInitializer(new SessionPerItem(), null);
        tomcat.start();
        Gate.await(args[0]);
        ServletTraffic.send(connector.getLocalPort());
        tomcat.stop();
        tomcat.destroy();
    }
}
