package io.remora.agent.instrument.executor;

import io.remora.bootstrap.executor.ExecutorPools;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collection;

/**
 * How a servlet container's own request pool is read: Tomcat's {@value ExecutorPools#TOMCAT_POOL}
 * and Jetty's {@value ExecutorPools#JETTY_POOL}. The agent cannot link against the containers'
 * classes (they are the application's), so their public getters are looked up by name, once per
 * class, and called each interval on the agent's thread, never on the application's.
 *
 * <p>Figures, in the order of {@code executor_*}: Tomcat's are those of a JDK thread pool (it is a
 * copy of one); Jetty's are busy threads, threads, max threads and queue size, with no completed count.
 */
final class ContainerPool {

    private static final String[] TOMCAT_FIGURES = {
        "getActiveCount", "getPoolSize", "getMaximumPoolSize", "getQueue", "getCompletedTaskCount"
    };
    private static final String[] JETTY_FIGURES = {"getBusyThreads", "getThreads", "getMaxThreads", "getQueueSize"};
    /** Tomcat's thread factory: its threads are called {@code namePrefix + n}. */
    private static final String TASK_THREAD_FACTORY = "org.apache.tomcat.util.threads.TaskThreadFactory";
    /** Jetty's default name is {@code "qtp" + hashCode()}, another on every run. */
    static final String JETTY_DEFAULT = "qtp";

    private static final ClassValue<ContainerPool> BY_CLASS = new ClassValue<>() {
        @Override
        protected ContainerPool computeValue(Class<?> type) {
            return new ContainerPool(type);
        }
    };

    private final boolean tomcat;
    private final Method[] figures;
    private final Method terminated;
    private final Method name;

    private ContainerPool(Class<?> type) {
        tomcat = ExecutorPools.TOMCAT_POOL.equals(ExecutorPools.containerPoolClass(type));
        String[] getters = tomcat ? TOMCAT_FIGURES : JETTY_FIGURES;
        figures = new Method[getters.length];
        try {
            for (int i = 0; i < getters.length; i++) {
                figures[i] = type.getMethod(getters[i]);
            }
            terminated = type.getMethod(tomcat ? "isTerminated" : "isStopped");
            name = type.getMethod(tomcat ? "getThreadFactory" : "getName");
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("no " + e.getMessage(), e);
        }
    }

    /** The reader for a registered pool's class; an IllegalStateException when that class lacks a getter. */
    static ContainerPool of(Object pool) {
        return BY_CLASS.get(pool.getClass());
    }

    /** Tomcat's pool, whose first three figures are busy, current and max threads. */
    boolean isTomcat() {
        return tomcat;
    }

    /** How many of {@code executor_*} it has. */
    int figureCount() {
        return figures.length;
    }

    /**
     * False while a Tomcat pool's constructor (it registers at the start of it) has not yet set its
     * queue and thread factory.
     */
    boolean ready(Object pool) {
        return !tomcat || call(figures[3], pool) != null && call(name, pool) != null;
    }

    boolean terminated(Object pool) {
        return (Boolean) call(terminated, pool);
    }

    /**
     * What a person knows it by, before {@link ExecutorPools#name} numbers it: Tomcat's thread-name
     * prefix without its separator ({@code http-nio-8080-exec}), Jetty's name, but {@value #JETTY_DEFAULT}
     * for the default one so that the series stays the same from run to run.
     */
    String name(Object pool) {
        if (!tomcat) {
            return jettyName((String) call(name, pool));
        }
        Object factory = call(name, pool);
        String prefix = threadNamePrefix(factory);
        return prefix == null ? ExecutorPools.TOMCAT_POOL : ExecutorPools.workerStem(prefix);
    }

    /** The value of each figure, in order; a queue is read as its size. */
    long figure(int index, Object pool) {
        Object value = call(figures[index], pool);
        return value instanceof Collection ? ((Collection<?>) value).size() : ((Number) value).longValue();
    }

    /** Jetty's name, {@value #JETTY_DEFAULT} for the default {@code qtp<hashCode>}. */
    static String jettyName(String name) {
        if (name == null) {
            return JETTY_DEFAULT;
        }
        int i = JETTY_DEFAULT.length();
        if (!name.startsWith(JETTY_DEFAULT) || name.length() == i) {
            return name;
        }
        if (name.charAt(i) == '-') {
            i++; // a negative hash code
        }
        if (i == name.length()) {
            return name;
        }
        for (; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return name;
            }
        }
        return JETTY_DEFAULT;
    }

    /**
     * Tomcat's TaskThreadFactory keeps its prefix in a private field without getter; the field is
     * read when the class lets it be (a container on the module path may not). Null otherwise, or
     * for an application's own factory.
     */
    private static String threadNamePrefix(Object factory) {
        if (factory == null || !factory.getClass().getName().equals(TASK_THREAD_FACTORY)) {
            return null;
        }
        try {
            Field prefix = factory.getClass().getDeclaredField("namePrefix");
            prefix.setAccessible(true);
            return (String) prefix.get(factory);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Object call(Method getter, Object pool) {
        try {
            return getter.invoke(pool);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(getter.getName() + " threw " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(getter.getName() + " is not accessible", e);
        }
    }
}
