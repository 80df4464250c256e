package io.remora.agent.instrument.select;

import java.util.Arrays;
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

    private static final String NONE = "-";

    private final Set<String> names;
    private final Set<String> supertypes;
    private final String loaderMarker;
    private final Set<String> declaredMethods;

    private ClassMatch(Set<String> names, Set<String> supertypes, String loaderMarker, Set<String> declaredMethods) {
        this.names = names;
        this.supertypes = supertypes;
        this.loaderMarker = loaderMarker;
        this.declaredMethods = declaredMethods;
    }

    /** Classes of exactly these binary names ({@code a.b.C$D}), in any class loader. */
    public static ClassMatch named(String... classNames) {
        return new ClassMatch(internalNames(classNames), Collections.emptySet(), null, Collections.emptySet());
    }

    /**
     * Classes, abstract or not but no interfaces, that are or extend or implement one of these
     * types, directly or through any of their supertypes. Classes of the JDK's own loaders are never
     * matched this way: a JDK class to instrument is named.
     */
    public static ClassMatch implementing(String... typeNames) {
        return new ClassMatch(Collections.emptySet(), internalNames(typeNames), null, Collections.emptySet());
    }

    /** The same, only for class loaders that can load {@code className} (a library's marker class). */
    public ClassMatch whenLoaderSees(String className) {
        return new ClassMatch(names, supertypes, internalName(className) + ".class", declaredMethods);
    }

    /**
     * The same, only for classes that declare a method of one of these names themselves: the
     * methods the advice goes into. An abstract base or a subclass that only inherits them is left
     * to Byte Buddy's cost-free side: not transformed at all.
     */
    public ClassMatch declaring(String... methodNames) {
        return new ClassMatch(names, supertypes, loaderMarker,
                Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(methodNames))));
    }

    Set<String> names() {
        return names;
    }

    Set<String> supertypes() {
        return supertypes;
    }

    /** Method names one of which a class must declare; empty when any class qualifies. */
    Set<String> declaredMethods() {
        return declaredMethods;
    }

    /** The marker's resource name, or null when every loader qualifies. */
    String loaderMarker() {
        return loaderMarker;
    }

    /**
     * This match as one line of text, for the catalog's table written at build: four tab-separated
     * fields (names, supertypes, marker, declared methods), lists comma-separated, {@code -} for none.
     */
    public String encode() {
        return field(names) + '\t' + field(supertypes) + '\t' + (loaderMarker == null ? NONE : loaderMarker) + '\t'
                + field(declaredMethods);
    }

    /** @throws IllegalArgumentException when {@code line} is not what {@link #encode} writes */
    public static ClassMatch decode(String line) {
        String[] fields = line.split("\t", -1);
        if (fields.length != 4) {
            throw new IllegalArgumentException("not a class match (4 tab-separated fields): " + line);
        }
        return new ClassMatch(set(fields[0]), set(fields[1]), fields[2].equals(NONE) ? null : fields[2],
                set(fields[3]));
    }

    private static String field(Set<String> values) {
        return values.isEmpty() ? NONE : String.join(",", values);
    }

    private static Set<String> set(String field) {
        return field.equals(NONE) ? Collections.<String>emptySet()
                : Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(field.split(","))));
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
        what = declaredMethods.isEmpty() ? what : what + " declaring " + declaredMethods;
        return loaderMarker == null ? what : what + " where " + loaderMarker + " is visible";
    }
}
