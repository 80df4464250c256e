package io.remora.agent.instrument;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Byte Buddy's descriptions of the types it reads, kept per class loader across weavings: the
 * classes chosen share their supertypes (a servlet's {@code HttpServlet}, a pool's proxy
 * statements) and the advice classes, which would otherwise be read and parsed again for each of
 * them. Held weakly per loader, like the class selection's own memo.
 */
final class TypePools {

    private final Map<ClassLoader, TypePool.CacheProvider> byLoader = Collections.synchronizedMap(new WeakHashMap<>());
    private final TypePool.CacheProvider bootstrap = new TypePool.CacheProvider.Simple();

    /** A pool over {@code classFiles} that remembers what it parses with the loader's other pools. */
    TypePool of(ClassLoader loader, ClassFileLocator classFiles) {
        return new TypePool.Default.WithLazyResolution(cacheOf(loader), classFiles, TypePool.Default.ReaderMode.FAST);
    }

    private TypePool.CacheProvider cacheOf(ClassLoader loader) {
        if (loader == null) {
            return bootstrap;
        }
        synchronized (byLoader) {
            TypePool.CacheProvider cache = byLoader.get(loader);
            if (cache == null) {
                cache = new TypePool.CacheProvider.Simple();
                byLoader.put(loader, cache);
            }
            return cache;
        }
    }
}
