package io.remora.agent.instrument.select;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides, for each class as it loads, which of the instrumentations' {@link ClassMatch}es choose
 * it, without Byte Buddy and in time that does not grow with the number of instrumentations:
 * <ol>
 * <li>a class of an exact name: one map lookup;</li>
 * <li>the agent's own classes, Byte Buddy's and generated ones (lambdas, proxies): rejected by name;
 * the JDK's loaders get no further than step 1;</li>
 * <li>hierarchy matches: the class file's outline; for a class that declares a method some match
 * wants, the memoized answer of its supertypes ({@link SupertypeIndex}); and for a match with a
 * marker, whether the loader sees it, asked only once a class qualifies otherwise (once per loader
 * and marker). Asked up front, a marker that a loader lacks costs a search of its whole class path:
 * 165 ms of the main thread for the other servlet namespace in a Spring Boot fat jar.</li>
 * </ol>
 * The answer is a bit set over the matches, in the order given (at most 64).
 */
public final class ClassSelector {

    /** Name parts of classes nobody instruments: generated at run time, or the agent's own. */
    private static final String[] IGNORED_PREFIXES = {
        "io/remora/agent/", "io/remora/bootstrap/", "io/remora/exporter/", "io/remora/proto/", "net/bytebuddy/",
        "jdk/internal/reflect/Generated",
    };
    private static final String[] IGNORED_PARTS = {"$$Lambda", "$Proxy", "$$EnhancerBy", "$ByteBuddy$"};

    private final Map<String, Long> byName = new HashMap<>();
    /** Per hierarchy match: its bit, its tracked types' bits, its loader marker and the methods it needs declared. */
    private final List<HierarchyRule> hierarchyRules = new ArrayList<>();
    /** The method names one of which a class must declare to be chosen by hierarchy; null when any class can be. */
    private final MethodNames wantedMethods;
    private final SupertypeIndex index;
    private final ClassLoader ignoredLoader;
    private final Map<ClassLoader, LoaderState> loaders = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * @param matches at most 64
     * @param ignoredLoader the agent's own loader, whose classes are never chosen
     */
    public ClassSelector(List<ClassMatch> matches, ClassLoader ignoredLoader) {
        if (matches.size() > Long.SIZE) {
            throw new IllegalArgumentException(matches.size() + " class matches, at most " + Long.SIZE);
        }
        this.ignoredLoader = ignoredLoader;
        Map<String, Long> bitByType = new LinkedHashMap<>();
        for (int i = 0; i < matches.size(); i++) {
            ClassMatch match = matches.get(i);
            long bit = 1L << i;
            for (String name : match.names()) {
                byName.put(name, byName.getOrDefault(name, 0L) | bit);
            }
            if (!match.supertypes().isEmpty()) {
                long types = 0;
                for (String type : match.supertypes()) {
                    Long typeBit = bitByType.get(type);
                    if (typeBit == null) {
                        if (bitByType.size() == Long.SIZE) {
                            throw new IllegalArgumentException("more than " + Long.SIZE + " supertypes to match");
                        }
                        typeBit = 1L << bitByType.size();
                        bitByType.put(type, typeBit);
                    }
                    types |= typeBit;
                }
                hierarchyRules.add(new HierarchyRule(bit, types, match.loaderMarker(),
                        new MethodNames(match.declaredMethods())));
            }
        }
        this.index = new SupertypeIndex(bitByType);
        this.wantedMethods = wantedMethods(hierarchyRules);
    }

    private static MethodNames wantedMethods(List<HierarchyRule> rules) {
        MethodNames wanted = new MethodNames(Collections.<String>emptySet());
        for (HierarchyRule rule : rules) {
            if (rule.declaredMethods.isEmpty()) {
                return null;
            }
            wanted = wanted.union(rule.declaredMethods);
        }
        return wanted;
    }

    /**
     * @param loader the defining loader, null for the bootstrap loader
     * @param name the internal name ({@code a/b/C}), as a {@code ClassFileTransformer} gets it
     * @param classFile the class file as it is about to be defined
     * @return the chosen matches' bits; 0 for most classes
     * @throws IllegalArgumentException when the class file cannot be outlined
     */
    public long select(ClassLoader loader, String name, byte[] classFile) {
        Long named = byName.get(name);
        long chosen = named == null ? 0 : named;
        if (hierarchyRules.isEmpty() || isJdkLoader(loader) || loader == ignoredLoader || isIgnored(name)) {
            return chosen;
        }
        ClassOutline outline = ClassOutline.parse(classFile);
        // most classes declare none of the methods advice goes into: their supertypes are never read
        if (outline.isInterface() || (wantedMethods != null && !outline.declaresAny(wantedMethods))) {
            return chosen;
        }
        LoaderState state = stateOf(loader);
        long types = index.typesOf(name, outline, loader, state.answers);
        return chosen | chosenBy(loader, state, types, outline);
    }

    /**
     * The same for a class already loaded (defined before the transformer was in place), read from
     * its {@code Class} rather than its class file.
     */
    public long select(Class<?> type) {
        String name = ClassMatch.internalName(type.getName());
        Long named = byName.get(name);
        long chosen = named == null ? 0 : named;
        ClassLoader loader = type.getClassLoader();
        if (hierarchyRules.isEmpty() || isJdkLoader(loader) || loader == ignoredLoader || type.isInterface()
                || isIgnored(name)) {
            return chosen;
        }
        long types = loadedTypesOf(type);
        return types == 0 ? chosen : chosen | chosenBy(loader, stateOf(loader), types, new LoadedClass(type));
    }

    /** The hierarchy matches that a class of these tracked types, in this loader, satisfies. */
    private long chosenBy(ClassLoader loader, LoaderState state, long types, MethodDeclarations declarations) {
        long chosen = 0;
        for (HierarchyRule rule : hierarchyRules) {
            if ((types & rule.types) != 0
                    && (rule.declaredMethods.isEmpty() || declarations.declaresAny(rule.declaredMethods))
                    && state.sees(loader, rule.loaderMarker)) {
                chosen |= rule.bit;
            }
        }
        return chosen;
    }

    /** A loaded class's declared methods, read by reflection. */
    private static final class LoadedClass implements MethodDeclarations {
        private final Class<?> type;

        LoadedClass(Class<?> type) {
            this.type = type;
        }

        @Override
        public boolean declaresAny(MethodNames names) {
            try {
                for (Method method : type.getDeclaredMethods()) {
                    if (names.contains(method.getName())) {
                        return true;
                    }
                }
                return false;
            } catch (LinkageError e) {
                return true; // a signature names a missing class: let the weaver look at the class file itself
            }
        }
    }

    private long loadedTypesOf(Class<?> type) {
        long types = index.bitOf(ClassMatch.internalName(type.getName()));
        if (type.getSuperclass() != null) {
            types |= loadedTypesOf(type.getSuperclass());
        }
        for (Class<?> anInterface : type.getInterfaces()) {
            types |= loadedTypesOf(anInterface);
        }
        return types;
    }

    private static boolean isJdkLoader(ClassLoader loader) {
        return loader == null || loader == ClassLoader.getPlatformClassLoader();
    }

    private static boolean isIgnored(String name) {
        for (String prefix : IGNORED_PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        for (String part : IGNORED_PARTS) {
            if (name.contains(part)) {
                return true;
            }
        }
        return false;
    }

    private LoaderState stateOf(ClassLoader loader) {
        LoaderState state = loaders.get(loader);
        if (state == null) {
            state = new LoaderState();
            loaders.put(loader, state);
        }
        return state;
    }

    private static final class HierarchyRule {
        final long bit;
        final long types;
        final String loaderMarker;

        final MethodNames declaredMethods;

        HierarchyRule(long bit, long types, String loaderMarker, MethodNames declaredMethods) {
            this.bit = bit;
            this.types = types;
            this.loaderMarker = loaderMarker;
            this.declaredMethods = declaredMethods;
        }
    }

    /** What is known of one loader: the answers for its classes' supertypes, and which markers it sees. */
    private static final class LoaderState {
        final Map<String, Long> answers = new ConcurrentHashMap<>();
        private final Map<String, Boolean> markers = new ConcurrentHashMap<>();

        /** @param marker a resource name, or null for a match that has none */
        boolean sees(ClassLoader loader, String marker) {
            if (marker == null) {
                return true;
            }
            Boolean known = markers.get(marker);
            if (known == null) {
                // not computeIfAbsent: a loader may load classes to find a resource, and they come back here
                known = loader.getResource(marker) != null;
                markers.put(marker, known);
            }
            return known;
        }
    }
}
