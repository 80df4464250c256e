package io.remora.agent.instrument.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.acme.hierarchy.Hierarchy.AbstractImpl;
import com.acme.hierarchy.Hierarchy.Api;
import com.acme.hierarchy.Hierarchy.Handler;
import com.acme.hierarchy.Hierarchy.Impl;
import com.acme.hierarchy.Hierarchy.JdkList;
import com.acme.hierarchy.Hierarchy.OtherImpl;
import com.acme.hierarchy.Hierarchy.SubApi;
import com.acme.hierarchy.Hierarchy.Unrelated;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClassSelectorTest {

    private static final String API = Api.class.getName();

    @Test
    void aClassOfAnExactNameIsChosenInAnyLoaderTheJdksToo() throws IOException {
        ClassSelector selector = new ClassSelector(
                List.of(ClassMatch.named("java.lang.Thread"), ClassMatch.named(Unrelated.class.getName())), null);
        assertEquals(0b01, selector.select(null, "java/lang/Thread", classFile(Thread.class)));
        assertEquals(0b10, select(selector, Unrelated.class));
        assertEquals(0, select(selector, Impl.class));
        assertEquals(0b01, selector.select(Thread.class));
    }

    @Test
    void aClassIsChosenThroughAnyOfItsSupertypesButNoInterfaceIs() throws IOException {
        ClassSelector selector = new ClassSelector(List.of(ClassMatch.implementing(API)), null);
        assertEquals(1, select(selector, Impl.class));
        assertEquals(1, select(selector, AbstractImpl.class), "abstract classes have concrete methods to change");
        assertEquals(0, select(selector, SubApi.class));
        assertEquals(0, select(selector, Api.class));
        assertEquals(0, select(selector, Unrelated.class));
    }

    @Test
    void loadedClassesAreChosenAlike() {
        ClassSelector selector = new ClassSelector(List.of(ClassMatch.implementing(API)), null);
        assertEquals(1, selector.select(Impl.class));
        assertEquals(1, selector.select(AbstractImpl.class));
        assertEquals(0, selector.select(SubApi.class));
        assertEquals(0, selector.select(Unrelated.class));
    }

    @Test
    void eachMatchHasItsBitAndSharesSupertypes() throws IOException {
        ClassSelector selector = new ClassSelector(List.of(ClassMatch.implementing(Runnable.class.getName()),
                ClassMatch.implementing(API, Runnable.class.getName()), ClassMatch.implementing(SubApi.class.getName())),
                null);
        assertEquals(0b110, select(selector, Impl.class));
        assertEquals(0b011, select(selector, Unrelated.class));
    }

    @Test
    void aMatchDeclaringMethodsChoosesOnlyTheClassesThatDeclareOne() throws IOException {
        ClassSelector selector = new ClassSelector(List.of(ClassMatch.implementing(API).declaring("handle", "other"),
                ClassMatch.implementing(API)), null);
        assertEquals(0b11, select(selector, Handler.class));
        assertEquals(0b10, select(selector, Impl.class), "inherits, declares nothing");
        assertEquals(0b11, selector.select(Handler.class));
        assertEquals(0b10, selector.select(Impl.class));
    }

    @Test
    void jdkSupertypesAreFollowed() throws IOException {
        ClassSelector selector = new ClassSelector(List.of(ClassMatch.implementing("java.util.Collection")), null);
        assertEquals(1, select(selector, JdkList.class));
        assertEquals(0, select(selector, Impl.class));
    }

    @Test
    void theJdksOwnClassesAreNeverChosenByHierarchy() throws IOException {
        ClassSelector selector = new ClassSelector(List.of(ClassMatch.implementing("java.lang.Runnable")), null);
        assertEquals(0, selector.select(null, "java/lang/Thread", classFile(Thread.class)));
        assertEquals(0, selector.select(Thread.class));
    }

    @Test
    void aSupertypeIsReadOncePerLoaderHoweverManyClassesExtendIt() throws IOException {
        CountingLoader loader = new CountingLoader();
        ClassSelector selector = new ClassSelector(List.of(ClassMatch.implementing(API)), null);
        assertEquals(1, selector.select(loader, internal(Impl.class), classFile(Impl.class)));
        assertEquals(1, selector.select(loader, internal(OtherImpl.class), classFile(OtherImpl.class)));
        // and once the JVM loads the supertype itself, its own answer is known already
        assertEquals(1, selector.select(loader, internal(AbstractImpl.class), classFile(AbstractImpl.class)));
        assertEquals(Map.of(internal(AbstractImpl.class) + ".class", 1, internal(SubApi.class) + ".class", 1,
                internal(Api.class) + ".class", 1), loader.reads);
    }

    @Test
    void theSupertypesOfAClassThatDeclaresNoWantedMethodAreNeverRead() throws IOException {
        CountingLoader loader = new CountingLoader();
        ClassSelector selector = new ClassSelector(List.of(ClassMatch.implementing(API).declaring("handle")), null);
        assertEquals(0, selector.select(loader, internal(Impl.class), classFile(Impl.class)));
        assertEquals(Map.of(), loader.reads);
        assertEquals(1, selector.select(loader, internal(Handler.class), classFile(Handler.class)));
        assertEquals(Set.of(internal(AbstractImpl.class) + ".class", internal(SubApi.class) + ".class",
                internal(Api.class) + ".class"), loader.reads.keySet());
    }

    @Test
    void aLoaderThatCannotSeeTheMarkerHasNoHierarchyMatches() throws IOException {
        ClassLoader blind = new ClassLoader(ClassSelectorTest.class.getClassLoader()) {
            @Override
            public java.net.URL getResource(String name) {
                return name.startsWith("org/junit/") ? null : super.getResource(name);
            }
        };
        ClassSelector selector = new ClassSelector(List.of(
                ClassMatch.implementing(API).whenLoaderSees("org.junit.jupiter.api.Test"),
                ClassMatch.implementing(API)), null);
        assertEquals(0b10, selector.select(blind, internal(Impl.class), classFile(Impl.class)));
        assertEquals(0b11, select(selector, Impl.class));
    }

    @Test
    void aMarkerIsLookedForOnlyOnceAClassQualifiesOtherwiseAndOncePerLoader() throws IOException {
        CountingLoader loader = new CountingLoader();
        ClassSelector selector = new ClassSelector(List.of(
                ClassMatch.implementing(API).whenLoaderSees("org.junit.jupiter.api.Test")), null);
        assertEquals(0, selector.select(loader, internal(Unrelated.class), classFile(Unrelated.class)));
        assertEquals(0, loader.lookups("org/junit/jupiter/api/Test.class"));
        assertEquals(1, selector.select(loader, internal(Impl.class), classFile(Impl.class)));
        assertEquals(1, selector.select(loader, internal(OtherImpl.class), classFile(OtherImpl.class)));
        assertEquals(1, loader.lookups("org/junit/jupiter/api/Test.class"));
    }

    @Test
    void generatedClassesAndTheAgentsOwnAreIgnored() throws IOException {
        ClassLoader loader = ClassSelectorTest.class.getClassLoader();
        ClassSelector selector = new ClassSelector(List.of(ClassMatch.implementing(API)), null);
        byte[] impl = classFile(Impl.class);
        assertEquals(0, selector.select(loader, "com/acme/Impl$$Lambda$12", impl));
        assertEquals(0, selector.select(loader, "com/sun/proxy/$Proxy12", impl));
        assertEquals(0, selector.select(loader, "io/remora/agent/Whatever", impl));
        ClassSelector ignoringLoader = new ClassSelector(List.of(ClassMatch.implementing(API)), loader);
        assertEquals(0, ignoringLoader.select(loader, internal(Impl.class), impl));
    }

    @Test
    void aClassFileThatCannotBeOutlinedIsAnError() {
        ClassSelector selector = new ClassSelector(List.of(ClassMatch.implementing(API)), null);
        assertThrows(IllegalArgumentException.class,
                () -> selector.select(getClass().getClassLoader(), "com/acme/Broken", new byte[] {0, 1, 2, 3}));
    }

    @Test
    void atMost64Matches() {
        ClassMatch[] many = new ClassMatch[65];
        java.util.Arrays.fill(many, ClassMatch.named("a.B"));
        assertThrows(IllegalArgumentException.class, () -> new ClassSelector(List.of(many), null));
    }

    private static long select(ClassSelector selector, Class<?> type) throws IOException {
        return selector.select(type.getClassLoader(), internal(type), classFile(type));
    }

    private static byte[] classFile(Class<?> type) throws IOException {
        return ClassOutlineTest.classFile(type);
    }

    private static String internal(Class<?> type) {
        return type.getName().replace('.', '/');
    }

    /** Counts the class files read through it, and the resources looked for. */
    private static final class CountingLoader extends ClassLoader {
        final Map<String, Integer> reads = new HashMap<>();
        private final Map<String, Integer> found = new HashMap<>();

        CountingLoader() {
            super(ClassSelectorTest.class.getClassLoader());
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            reads.merge(name, 1, Integer::sum);
            return super.getResourceAsStream(name);
        }

        @Override
        public java.net.URL getResource(String name) {
            found.merge(name, 1, Integer::sum);
            return super.getResource(name);
        }

        int lookups(String name) {
            return found.getOrDefault(name, 0);
        }
    }
}
