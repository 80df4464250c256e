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
 * <li>hierarchy matches, only in loaders that can see a match's marker (asked once per loader): the
 * class file's outline, and the memoized answer of its supertypes ({@link SupertypeIndex}).</li>
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
        LoaderState state = stateOf(loader);
        if (state.visibleRules.isEmpty()) {
            return chosen;
        }
        ClassOutline outline = ClassOutline.parse(classFile);
        // most classes declare none of the methods advice goes into: their supertypes are never read
        if (outline.isInterface() || (state.wantedMethods != null && !outline.declaresAny(state.wantedMethods))) {
            return chosen;
        }
        long types = index.typesOf(name, outline, loader, state.answers);
        return chosen | chosenBy(state.visibleRules, types, outline);
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
        List<HierarchyRule> visible = stateOf(loader).visibleRules;
        return visible.isEmpty() ? chosen : chosen | chosenBy(visible, loadedTypesOf(type), new LoadedClass(type));
    }

    /** The hierarchy matches, of those given, that a class of these tracked types satisfies. */
    private static long chosenBy(List<HierarchyRule> rules, long types, MethodDeclarations declarations) {
        long chosen = 0;
        for (HierarchyRule rule : rules) {
            if ((types & rule.types) != 0
                    && (rule.declaredMethods.isEmpty() || declarations.declaresAny(rule.declaredMethods))) {
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
                return true; // a signature names a missing class: let Byte Buddy look, as it would have
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
            state = new LoaderState(visibleRules(loader));
            loaders.put(loader, state);
        }
        return state;
    }

    private List<HierarchyRule> visibleRules(ClassLoader loader) {
        List<HierarchyRule> visible = new ArrayList<>();
        for (HierarchyRule rule : hierarchyRules) {
            if (rule.loaderMarker == null || loader.getResource(rule.loaderMarker) != null) {
                visible.add(rule);
            }
        }
        return visible;
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

    /**
     * What is known of one loader: the hierarchy matches it can have, the method names one of which
     * a class must declare to be chosen by any of them (null when one of them wants none), and the
     * answers for its classes' supertypes.
     */
    private static final class LoaderState {
        final List<HierarchyRule> visibleRules;
        final MethodNames wantedMethods;
        final Map<String, Long> answers = new ConcurrentHashMap<>();

        LoaderState(List<HierarchyRule> visibleRules) {
            this.visibleRules = visibleRules;
            MethodNames wanted = new MethodNames(Collections.<String>emptySet());
            for (HierarchyRule rule : visibleRules) {
                if (rule.declaredMethods.isEmpty()) {
                    wanted = null;
                    break;
                }
                wanted = wanted.union(rule.declaredMethods);
            }
            this.wantedMethods = wanted;
        }
    }
}
