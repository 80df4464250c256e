package io.remora.agent.instrument.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.remora.bootstrap.executor.ExecutorPools;
import org.junit.jupiter.api.Test;

/** The names a container's pool is known by; reading real Tomcat and Jetty pools is ServletContainersTest's. */
class ContainerPoolTest {

    @Test
    void jettysDefaultNameLosesItsHashCodeAndAChosenNameIsKept() {
        assertEquals("qtp", ContainerPool.jettyName("qtp1234567"));
        assertEquals("qtp", ContainerPool.jettyName("qtp-1234567"));
        assertEquals("qtp", ContainerPool.jettyName(null));
        assertEquals("qtp", ContainerPool.jettyName("qtp"));
        assertEquals("qtp-api", ContainerPool.jettyName("qtp-api"));
        assertEquals("qtp12a", ContainerPool.jettyName("qtp12a"));
        assertEquals("jetty-worker-1", ContainerPool.jettyName("jetty-worker-1"));
    }

    @Test
    void tomcatsThreadNamePrefixLosesItsSeparator() {
        assertEquals("http-nio-8080-exec", ExecutorPools.workerStem("http-nio-8080-exec-"));
        assertEquals("catalina-exec", ExecutorPools.workerStem("catalina-exec-"));
    }

    @Test
    void containerPoolsAreToldByTheirClassOrASuperclassName() {
        assertEquals(null, ExecutorPools.containerPoolClass(java.util.concurrent.ThreadPoolExecutor.class));
        assertEquals(null, ExecutorPools.containerPoolClass(Object.class));
    }
}
