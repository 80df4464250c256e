package io.remora.agent.instrument;

import io.remora.agent.instrument.select.ClassSelector;
import io.remora.log.Log;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one transformer the JVM calls for every class, registered in premain. It asks the
 * {@link ClassSelector} which type instrumentations want the class, which for almost every class is
 * none, and hands only the chosen ones to their advice weavers. Those are built on the
 * agent's thread after premain; a chosen class that loads before then waits for them on its loading
 * thread, up to {@link #MAX_WAIT_MS}, so that a server started straight from {@code main()} has its
 * first request measured. The agent's own threads never wait: one of them builds the transformers,
 * and the exporter's must not be held up by them (a short program's exit flush would wait too).
 * What loads on them, or past the bound, is remembered as late and retransformed once the
 * transformers are in place; the agent takes care not to load the classes that applications start
 * with (executors) on its own threads.
 */
final class SelectingTransformer implements ClassFileTransformer {

    /** Longer than the weavers take to get ready on a busy 2-core machine, short enough to bound any stall. */
    static final long MAX_WAIT_MS = 3_000;

    /** What every agent thread's name starts with ({@code io.remora.bootstrap.AgentThreads}, not yet defined here). */
    private static final String AGENT_THREAD_PREFIX = "remora-";

    private final ClassSelector selector;
    private final CountDownLatch ready = new CountDownLatch(1);
    /** Counted down by the first chosen class that the application loads before the transformers are ready. */
    private final CountDownLatch needed = new CountDownLatch(1);
    /** Per type instrumentation, in the selector's bit order; null until ready. */
    private volatile ClassFileTransformer[] transformers;
    private final Set<String> late = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean selectionFailureLogged = new AtomicBoolean();
    private final AtomicBoolean waitOverLogged = new AtomicBoolean();

    SelectingTransformer(ClassSelector selector) {
        this.selector = selector;
    }

    /**
     * Waits until the application loads a chosen class before the transformers are ready, or at most
     * {@code maxMillis}: what building the weavers can wait for without making anyone wait.
     */
    void awaitNeed(long maxMillis) throws InterruptedException {
        needed.await(maxMillis, TimeUnit.MILLISECONDS);
    }

    /** The weavers are built: waiting loads go on, and from now on every chosen class is changed. */
    void ready(ClassFileTransformer[] transformers) {
        this.transformers = transformers;
        ready.countDown();
    }

    /** Names of chosen classes that loaded unchanged because the transformers were not ready. */
    Set<String> late() {
        return late;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String name, Class<?> classBeingRedefined,
            ProtectionDomain domain, byte[] classFile) {
        if (name == null) {
            return null; // hidden classes (lambdas) have none, and nobody instruments them
        }
        long chosen;
        try {
            chosen = selector.select(loader, name, classFile);
        } catch (Throwable t) {
            logSelectionFailure(name, t);
            return null;
        }
        if (chosen == 0) {
            return null;
        }
        ClassFileTransformer[] woven = awaitTransformers(name);
        if (woven == null) {
            late.add(name);
            return null;
        }
        byte[] current = classFile;
        boolean changed = false;
        for (int i = 0; i < woven.length; i++) {
            if ((chosen & (1L << i)) == 0) {
                continue;
            }
            try {
                byte[] result = woven[i].transform(module, loader, name, classBeingRedefined, domain, current);
                if (result != null) {
                    current = result;
                    changed = true;
                }
            } catch (Throwable t) {
                // a weaver logs its own failures and returns null; anything else leaves the class as it was
                Log.debug("could not instrument " + name + ", left unchanged: " + t);
            }
        }
        return changed ? current : null;
    }

    private ClassFileTransformer[] awaitTransformers(String name) {
        ClassFileTransformer[] woven = transformers;
        if (woven != null) {
            return woven;
        }
        if (Thread.currentThread().getName().startsWith(AGENT_THREAD_PREFIX)) {
            return null;
        }
        needed.countDown();
        try {
            if (!ready.await(MAX_WAIT_MS, TimeUnit.MILLISECONDS) && waitOverLogged.compareAndSet(false, true)) {
                Log.warn(name + " waited " + MAX_WAIT_MS + " ms for the instrumentation, which is not ready;"
                        + " loaded as it is, instrumented once it is ready (said once)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the application's interrupt, kept for it
        }
        return transformers;
    }

    private void logSelectionFailure(String name, Throwable t) {
        String message = "could not read " + name + " to match it, left unchanged: " + t;
        if (selectionFailureLogged.compareAndSet(false, true)) {
            Log.warn(message + " (further ones are logged at debug)");
        } else {
            Log.debug(message);
        }
    }

    /** The loaded classes that the selector chooses, of those given. */
    List<Class<?>> chosenAmong(Class<?>[] loaded, Set<String> onlyNamed) {
        List<Class<?>> chosen = new ArrayList<>();
        for (Class<?> type : loaded) {
            if (onlyNamed != null && !onlyNamed.contains(type.getName().replace('.', '/'))) {
                continue;
            }
            try {
                if (selector.select(type) != 0) {
                    chosen.add(type);
                }
            } catch (Throwable t) {
                logSelectionFailure(type.getName(), t);
            }
        }
        return chosen;
    }
}
