package io.remora.bootstrap.executor;

import io.remora.bootstrap.AgentThreads;
import io.remora.bootstrap.WeakIdentityMap;
import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The pools in use ({@code ThreadPoolExecutor}s, scheduled ones too, and {@code ForkJoinPool}s
 * other than the common one), held weakly, each with a name that is the same on every run of the
 * same code: the class and method that built it ({@code com.acme.Orders.start}), then {@code #2},
 * {@code #3} ... for further pools from the same place, in the order they were built. Frames of
 * executor classes and {@code Executors} factories are skipped; the stack is walked once per pool.
 * A thread pool built before the advice was in place (the agent installs it on its own thread while
 * the application starts) is registered when one of its workers next takes a task, named after that
 * worker thread without its number ({@code pool-1-thread}, {@code http-exec}). A place names at most
 * {@value #MAX_PER_SITE} pools; later ones (a pool per request) are not measured, which bounds the
 * names; the agent logs each such place once. Pools built or run on the agent's threads are left out.
 *
 * <p>The servlet containers' own request pools are no JDK pools: Tomcat's {@value #TOMCAT_POOL} (a copy
 * of the JDK's, extending AbstractExecutorService) registers at the same constructor, or by its
 * worker like a JDK pool; Jetty's {@value #JETTY_POOL} (no ExecutorService) when a task is given to it.
 * Both are registered without a name: the agent names them after their threads when it first reads
 * them ({@link Pool#nameAs}), since at registration their thread factory or name may not be set yet.
 *
 * <p>Neither hook is in {@code ThreadPoolExecutor} or {@code ForkJoinPool} itself: redefining such a
 * class while its workers run would leave each running worker loop on the old version of
 * {@code runWorker}, which HotSpot never compiles again, interpreted for the life of the thread. So
 * a ForkJoinPool built before the advice was in place is not found.
 */
public final class ExecutorPools {

    public static final int MAX_PER_SITE = 20;

    /** Tomcat 9/10/11's request pool, matched by exact name with its subclasses. */
    public static final String TOMCAT_POOL = "org.apache.tomcat.util.threads.ThreadPoolExecutor";
    /** Jetty's request pool. */
    public static final String JETTY_POOL = "org.eclipse.jetty.util.thread.QueuedThreadPool";

    private static final String EXECUTORS = Executors.class.getName();
    /** Marks a pool the agent names when it first reads it; compared by identity. */
    private static final String UNNAMED = new String("unnamed");

    private static final ConcurrentLinkedQueue<Pool> POOLS = new ConcurrentLinkedQueue<>();
    /** Every pool seen, measured or not, so that a task given to a known pool costs one lookup. */
    private static final WeakIdentityMap<Boolean> SEEN = new WeakIdentityMap<>();
    private static final ConcurrentHashMap<String, AtomicInteger> BUILT_BY_SITE = new ConcurrentHashMap<>();
    /** Sites that went past the cap, each once, for the agent to report. */
    private static final ConcurrentLinkedQueue<String> OVER_CAP = new ConcurrentLinkedQueue<>();
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final Function<Stream<StackWalker.StackFrame>, String> SITE = new CreatingSite();

    private ExecutorPools() {
    }

    /**
     * Called when {@code AbstractExecutorService}'s constructor returns, which is the start of every
     * executor's construction: a thread pool or fork-join pool is registered then, before its own
     * fields are set, named after the method building it.
     */
    public static void constructing(Object executor) {
        if (executor instanceof ThreadPoolExecutor || executor instanceof ForkJoinPool) {
            register(executor, null);
        } else if (TOMCAT_POOL.equals(containerPoolClass(executor.getClass()))) {
            register(executor, UNNAMED);
        }
    }

    /**
     * Called by a worker before each task it runs, of a JDK or Tomcat pool: registers a pool built
     * before the advice was in place, named after the current (worker) thread; a known pool costs
     * one lookup.
     */
    public static void running(Object pool) {
        if (SEEN.get(pool) == null) {
            register(pool, workerStem(Thread.currentThread().getName()));
        }
    }

    /**
     * Called when a task is given to Jetty's pool (its own worker loop is left alone): registers it,
     * unnamed; a known pool costs one lookup.
     */
    public static void given(Object jettyPool) {
        if (SEEN.get(jettyPool) == null) {
            register(jettyPool, UNNAMED);
        }
    }

    /**
     * @return {@link #TOMCAT_POOL} or {@link #JETTY_POOL} when {@code type} is that class or one of
     *     its subclasses, else null; compares names, as this module cannot see the containers' classes
     */
    public static String containerPoolClass(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            String name = c.getName();
            if (name.equals(TOMCAT_POOL) || name.equals(JETTY_POOL)) {
                return name;
            }
        }
        return null;
    }

    /** @param site where the pool comes from, {@link #UNNAMED}, or null to find the method building it */
    private static void register(Object pool, String site) {
        synchronized (SEEN) {
            if (SEEN.get(pool) != null) {
                return;
            }
            SEEN.put(pool, Boolean.TRUE);
        }
        if (AgentThreads.isCurrent()) {
            return;
        }
        if (site == UNNAMED) {
            POOLS.add(new Pool(pool, null));
            return;
        }
        if (site == null) {
            site = WALKER.walk(SITE);
        }
        if (site == null) {
            return;
        }
        String name = name(site);
        if (name != null) {
            POOLS.add(new Pool(pool, name));
        }
    }

    /**
     * A worker thread's name without its number: {@code pool-3-thread-12} is {@code pool-3-thread};
     * also a thread factory's prefix without its separator ({@code http-nio-8080-exec-}).
     */
    public static String workerStem(String threadName) {
        int end = threadName.length();
        while (end > 0 && Character.isDigit(threadName.charAt(end - 1))) {
            end--;
        }
        while (end > 0 && "-_ #.".indexOf(threadName.charAt(end - 1)) >= 0) {
            end--;
        }
        return end == 0 ? "thread" : threadName.substring(0, end);
    }

    /** The pools registered and not yet removed; the agent removes those collected or terminated. */
    public static Iterator<Pool> pools() {
        return POOLS.iterator();
    }

    /** @return a site that has built more pools than are measured, reported once; null when none is new */
    public static String nextSiteOverCap() {
        return OVER_CAP.poll();
    }

    /** @return the site for its first pool, {@code site#n} for its n-th, null past the cap */
    public static String name(String site) {
        AtomicInteger built = BUILT_BY_SITE.get(site);
        if (built == null) {
            AtomicInteger first = new AtomicInteger();
            built = BUILT_BY_SITE.putIfAbsent(site, first);
            if (built == null) {
                built = first;
            }
        }
        int n = built.incrementAndGet();
        if (n > MAX_PER_SITE) {
            if (n == MAX_PER_SITE + 1) {
                OVER_CAP.add(site);
            }
            return null;
        }
        return n == 1 ? site : site + "#" + n;
    }

    /** A registered pool: collected pools read as null. */
    public static final class Pool extends WeakReference<Object> {
        private volatile String name;

        Pool(Object pool, String name) {
            super(pool);
            this.name = name;
        }

        /** @return its name; null for a container's pool that the agent has not yet named */
        public String name() {
            return name;
        }

        /** Names a container's pool, once, from what its threads are called (see {@link #name(String)}). */
        public void nameAs(String name) {
            this.name = name;
        }
    }

    /** The first frame outside executor classes (constructors, execute, submit ...), Executors and this class. */
    private static final class CreatingSite implements Function<Stream<StackWalker.StackFrame>, String> {
        @Override
        public String apply(Stream<StackWalker.StackFrame> frames) {
            for (Iterator<StackWalker.StackFrame> it = frames.iterator(); it.hasNext(); ) {
                StackWalker.StackFrame frame = it.next();
                Class<?> type = frame.getDeclaringClass();
                String method = frame.getMethodName();
                boolean building = type == ExecutorPools.class
                        || ExecutorService.class.isAssignableFrom(type)
                        || type.getName().startsWith(EXECUTORS);
                if (!building) {
                    return type.getName() + "." + method;
                }
            }
            return null;
        }
    }
}
