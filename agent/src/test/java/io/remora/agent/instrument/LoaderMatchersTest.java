package io.remora.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import net.bytebuddy.matcher.ElementMatcher;
import org.junit.jupiter.api.Test;

class LoaderMatchersTest {

    @Test
    void aLoaderThatHasTheMarkerMatches() {
        assertTrue(LoaderMatchers.canSee("org.junit.jupiter.api.Test").matches(getClass().getClassLoader()));
    }

    @Test
    void aLoaderWithoutTheLibraryDoesNot() throws Exception {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
            assertFalse(LoaderMatchers.canSee("org.junit.jupiter.api.Test").matches(empty));
        }
    }

    @Test
    void theBootstrapLoaderIsAskedThroughThePlatformLoader() {
        assertTrue(LoaderMatchers.canSee("java.lang.Object").matches(null));
        assertTrue(LoaderMatchers.canSee("java.net.http.HttpClient").matches(null));
        assertFalse(LoaderMatchers.canSee("org.junit.jupiter.api.Test").matches(null));
    }

    @Test
    void theAnswerIsKeptPerLoader() throws Exception {
        CountingLoader counting = new CountingLoader();
        ElementMatcher<ClassLoader> matcher = LoaderMatchers.canSee("a.B");
        assertFalse(matcher.matches(counting));
        assertFalse(matcher.matches(counting));
        assertEquals(1, counting.asked);
    }

    private static final class CountingLoader extends ClassLoader {
        int asked;

        CountingLoader() {
            super(null);
        }

        @Override
        public URL getResource(String name) {
            asked++;
            return super.getResource(name);
        }
    }
}
