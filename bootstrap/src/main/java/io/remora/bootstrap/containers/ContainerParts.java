package io.remora.bootstrap.containers;

import io.remora.bootstrap.WeakInstances;

/**
 * What the servlet containers' advice registers, for the agent to read each interval: Tomcat's
 * session managers ({@code ManagerBase}) and Jetty's servers, as they are built.
 */
public final class ContainerParts {

    public static final WeakInstances TOMCAT_SESSION_MANAGERS = new WeakInstances();
    public static final WeakInstances JETTY_SERVERS = new WeakInstances();

    private ContainerParts() {
    }

    public static void sessionManagerBuilt(Object manager) {
        TOMCAT_SESSION_MANAGERS.add(manager);
    }

    public static void jettyServerBuilt(Object server) {
        JETTY_SERVERS.add(server);
    }
}
