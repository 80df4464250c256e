package io.remora.agent.instrument.select;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which classes one instrumentation changes, said without Byte Buddy so that it can be decided for
 * every loading class at the cost of a set lookup or of a memoized hierarchy answer: classes of exact
 * names, or the classes (not interfaces) that extend or implement one of a few types, optionally
 * only in class loaders that can see a marker class (a library's API at the version instrumented).
 */
public final class ClassMatch {

    private final Set<String> names;
    private final Set<String> supertypes;
    private final String loaderMarker;

    private ClassMatch(Set<String> names, Set<String> supertypes, String loaderMarker) {
        this.names = names;
        this.supertypes = supertypes;
        this.loaderMarker = loaderMarker;
    }

    /** Classes of exactly these binary names ({@code a.b.C$D}), in any class loader. */
    public static ClassMatch named(String... classNames) {
        return new ClassMatch(internalNames(classNames), Collections.emptySet(), null);
    }

    /**
     * Classes, abstract or not but no interfaces, that are or extend or implement one of these
     * types, directly or through any of their supertypes. Classes of the JDK's own loaders are never
     * matched this way: a JDK class to instrument is named.
     */
    public static ClassMatch implementing(String... typeNames) {
        return new ClassMatch(Collections.emptySet(), internalNames(typeNames), null);
    }

    /** The same, only for class loaders that can load {@code className} (a library's marker class). */
    public ClassMatch whenLoaderSees(String className) {
        return new ClassMatch(names, supertypes, internalName(className) + ".class");
    }

    Set<String> names() {
        return names;
    }

    Set<String> supertypes() {
        return supertypes;
    }

    /** The marker's resource name, or null when every loader qualifies. */
    String loaderMarker() {
        return loaderMarker;
    }

    private static Set<String> internalNames(String... classNames) {
        Set<String> internal = new LinkedHashSet<>();
        for (String name : classNames) {
            internal.add(internalName(name));
        }
        return Collections.unmodifiableSet(internal);
    }

    static String internalName(String className) {
        return className.replace('.', '/');
    }

    @Override
    public String toString() {
        String what = names.isEmpty() ? "implementing " + supertypes : "named " + names;
        return loaderMarker == null ? what : what + " where " + loaderMarker + " is visible";
    }
}
