package io.remora.agent.instrument.select;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Memoized answers to "which of the tracked types is this class, or one of its supertypes?", as a
 * bit set over the tracked types. A loading class's own outline gives its direct supertypes; a
 * supertype not answered yet (the JVM loads a class's supertypes after transforming the class) is
 * read once as a resource through the same loader, outlined, and remembered, so each class file is
 * read at most once more per loader however many classes extend it. {@code java.*} types can only
 * come from the JDK: they share one memo, read through the platform loader.
 */
final class SupertypeIndex {

    private static final String OBJECT = "java/lang/Object";
    private static final String JDK_PREFIX = "java/";
    /** Deeper than any real hierarchy; only a malformed or cyclic one gets here. */
    private static final int MAX_DEPTH = 100;

    private final Map<String, Long> bitByType;
    private final Map<String, Long> jdkAnswers = new ConcurrentHashMap<>();

    /** @param bitByType each tracked type's internal name with its bit */
    SupertypeIndex(Map<String, Long> bitByType) {
        this.bitByType = bitByType;
    }

    /** The type's own bit: 0 unless it is tracked. */
    long bitOf(String name) {
        return bitByType.getOrDefault(name, 0L);
    }

    /**
     * The tracked types that a class loading in {@code loader} is or has among its supertypes;
     * remembered in {@code answers}, that loader's memo, for the classes that extend it.
     */
    long typesOf(String name, ClassOutline outline, ClassLoader loader, Map<String, Long> answers) {
        long types = typesOf(name, outline, loader, answers, 0);
        answers.put(name, types);
        return types;
    }

    private long typesOf(String name, ClassOutline outline, ClassLoader loader, Map<String, Long> answers, int depth) {
        long types = bitOf(name);
        types |= supertypeTypes(outline.superName(), loader, answers, depth + 1);
        for (String anInterface : outline.interfaceNames()) {
            types |= supertypeTypes(anInterface, loader, answers, depth + 1);
        }
        return types;
    }

    private long supertypeTypes(String name, ClassLoader loader, Map<String, Long> answers, int depth) {
        if (name == null || name.equals(OBJECT) || depth > MAX_DEPTH) {
            return 0;
        }
        boolean jdk = name.startsWith(JDK_PREFIX);
        Map<String, Long> memo = jdk ? jdkAnswers : answers;
        Long known = memo.get(name);
        if (known != null) {
            return known;
        }
        ClassLoader reader = jdk ? ClassLoader.getPlatformClassLoader() : loader;
        byte[] classFile = read(reader, name);
        // a supertype that cannot be read counts for itself only: its own supertypes are unknown
        long types = classFile == null ? bitOf(name)
                : typesOf(name, ClassOutline.parse(classFile), reader, memo, depth);
        memo.put(name, types);
        return types;
    }

    private static byte[] read(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
