package io.remora.it.instrument.app;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** {@link JakartaServletsApp} in Jetty 12 (ee10) on a loopback port, sent {@link ServletTraffic}. */
public final class JettyApp {

    private JettyApp() {
    }

    public static void main(String[] args) throws Exception {
        // its default name, qtp<hashCode>, is measured as "qtp"
        Server server = new Server(new QueuedThreadPool(ServletTraffic.MAX_THREADS));
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServletContainerInitializer(new JakartaServletsApp());
        server.setHandler(context);
        server.start();
        Gate.await(args[0]);
        ServletTraffic.send(connector.getLocalPort());
        server.stop();
    }
}
