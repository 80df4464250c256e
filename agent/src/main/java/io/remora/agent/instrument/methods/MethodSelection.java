package io.remora.agent.instrument.methods;

import static io.remora.agent.instrument.inline.MethodMatcher.isAbstract;
import static io.remora.agent.instrument.inline.MethodMatcher.isMethod;
import static io.remora.agent.instrument.inline.MethodMatcher.isNative;
import static io.remora.agent.instrument.inline.MethodMatcher.isSynthetic;
import static io.remora.agent.instrument.inline.MethodMatcher.not;

import io.remora.agent.instrument.inline.MethodEntry;
import io.remora.agent.instrument.inline.MethodMatcher;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The methods {@code remora.methods} names, as matchers: {@code Class#method} is every overload of
 * that name declared in the class, {@code Class#*} every method it declares. Classes are matched by
 * exact name only, a set lookup, so naming methods costs the other classes nothing.
 *
 * <p>Only methods with a body that the source declares are chosen: constructors, static
 * initialisers, abstract and native methods are not, nor synthetic ones. Synthetic leaves out
 * bridges, which only forward to the real method (counting both would count a call twice), and
 * lambda bodies ({@code lambda$handle$0}), whose names are the compiler's and whose time is part of
 * the method that runs them when it runs them at all. Inherited methods belong to their declaring
 * class and are named there.
 */
final class MethodSelection {

    private static final String EVERY_METHOD = "*";

    /** The method names per class, {@value #EVERY_METHOD} among them for {@code Class#*}. */
    private final Map<String, Set<String>> methodsByClass;

    private MethodSelection(Map<String, Set<String>> methodsByClass) {
        this.methodsByClass = methodsByClass;
    }

    /** @param patterns {@code Class#method} or {@code Class#*}, as the configuration checked them */
    static MethodSelection of(List<String> patterns) {
        Map<String, Set<String>> methodsByClass = new HashMap<>();
        for (String pattern : patterns) {
            int hash = pattern.indexOf('#');
            methodsByClass.computeIfAbsent(pattern.substring(0, hash), c -> new HashSet<>())
                    .add(pattern.substring(hash + 1));
        }
        return new MethodSelection(methodsByClass);
    }

    boolean isEmpty() {
        return methodsByClass.isEmpty();
    }

    String[] classNames() {
        return methodsByClass.keySet().toArray(new String[0]);
    }

    MethodMatcher methods() {
        return isMethod().and(not(isAbstract())).and(not(isNative())).and(not(isSynthetic()))
                .and(new Named(methodsByClass));
    }

    /** The method is one its declaring class's entry names. */
    private static final class Named extends MethodMatcher {
        private final Map<String, Set<String>> methodsByClass;

        Named(Map<String, Set<String>> methodsByClass) {
            super("namedIn(" + methodsByClass + ")");
            this.methodsByClass = methodsByClass;
        }

        @Override
        public boolean matches(MethodEntry method) {
            Set<String> names = methodsByClass.get(method.declaringClass());
            return names != null && (names.contains(EVERY_METHOD) || names.contains(method.name()));
        }
    }
}
