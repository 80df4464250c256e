package io.remora.agent.instrument;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Class loader checks that run before any type matcher: a library's instrumentation is only tried
 * for loaders that can see its marker class, so the costly hierarchy matchers never run for the
 * many classes of loaders that do not have the library. Answers are kept per loader (weakly).
 */
public final class LoaderMatchers {

    private LoaderMatchers() {
    }

    /** Matches loaders (the bootstrap loader is null) that can load the named class file. */
    public static ElementMatcher.Junction<ClassLoader> canSee(String markerClassName) {
        return new CanSee(markerClassName);
    }

    private static final class CanSee extends ElementMatcher.Junction.AbstractBase<ClassLoader> {
        private final String resource;
        private final Map<ClassLoader, Boolean> answers = Collections.synchronizedMap(new WeakHashMap<>());

        CanSee(String markerClassName) {
            this.resource = markerClassName.replace('.', '/') + ".class";
        }

        @Override
        public boolean matches(ClassLoader loader) {
            // the bootstrap loader (null) is asked through the platform loader, its child
            ClassLoader asked = loader == null ? ClassLoader.getPlatformClassLoader() : loader;
            Boolean answer = answers.get(asked);
            if (answer == null) {
                answer = asked.getResource(resource) != null;
                answers.put(asked, answer);
            }
            return answer;
        }

        @Override
        public String toString() {
            return "canSee(" + resource + ")";
        }
    }
}
