package io.remora.it.instrument.app;

import io.undertow.Undertow;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.api.ServletContainerInitializerInfo;
import io.undertow.servlet.util.ImmediateInstanceFactory;
import java.net.InetSocketAddress;
import java.util.Collections;

/** {@link JavaxServletsApp} in Undertow 2.2 (javax, Servlet 4) on a loopback port, sent {@link ServletTraffic}. */
public final class UndertowApp {

    private UndertowApp() {
    }

    public static void main(String[] args) throws Exception {
        DeploymentInfo deployment = Servlets.deployment()
                .setClassLoader(UndertowApp.class.getClassLoader())
                .setContextPath("/")
                .setDeploymentName("servlets")
                .addServletContainerInitializer(new ServletContainerInitializerInfo(JavaxServletsApp.class,
                        new ImmediateInstanceFactory<>(new JavaxServletsApp()), Collections.<Class<?>>emptySet()));
        DeploymentManager manager = Servlets.defaultContainer().addDeployment(deployment);
        manager.deploy();
        Undertow server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(manager.start()).build();
        server.start();
        Gate.await(args[0]);
        ServletTraffic.send(((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort());
        server.stop();
        manager.stop();
        manager.undeploy();
    }
}
