package io.remora.agent.instrument;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.pool.TypePool;

/**
 * Byte Buddy's descriptions of the types it reads, kept per class loader across transformations:
 * the classes chosen share their supertypes (a servlet's {@code HttpServlet}, a pool's proxy
 * statements), which would otherwise be read and parsed again for each of them. Held weakly per
 * loader, like the class selection's own memo.
 */
final class TypePoolCaches extends AgentBuilder.PoolStrategy.WithTypePoolCache {

    private final Map<ClassLoader, TypePool.CacheProvider> byLoader = Collections.synchronizedMap(new WeakHashMap<>());
    private final TypePool.CacheProvider bootstrap = new TypePool.CacheProvider.Simple();

    TypePoolCaches() {
        super(TypePool.Default.ReaderMode.FAST);
    }

    @Override
    protected TypePool.CacheProvider locate(ClassLoader loader) {
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
