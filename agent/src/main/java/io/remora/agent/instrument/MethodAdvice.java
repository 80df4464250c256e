package io.remora.agent.instrument;

import io.remora.agent.instrument.inline.MethodMatcher;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How a chosen class changes: which of its declared methods (and constructors) get which advice, as
 * pairs of a method matcher and the name of an advice class (a class of {@code @Advice.OnMethodEnter}
 * and {@code @Advice.OnMethodExit} methods, inlined). A method gets the advice of the first pair that
 * matches it. The advice class is named, not loaded: it may refer to the library's types, which the
 * agent's loader cannot see.
 */
public final class MethodAdvice {

    private final List<MethodMatcher> methods;
    private final List<String> adviceClasses;
    /** Per advice class, the source it is renamed from, or null for a class of the agent's own. */
    private final List<RenamedAdvice> renamings;

    private MethodAdvice(List<MethodMatcher> methods, List<String> adviceClasses,
            List<RenamedAdvice> renamings) {
        this.methods = methods;
        this.adviceClasses = adviceClasses;
        this.renamings = renamings;
    }

    /** {@code adviceClass}, inlined into the methods that {@code methods} matches. */
    public static MethodAdvice on(MethodMatcher methods, String adviceClass) {
        return none().and(methods, adviceClass);
    }

    /** {@code advice}'s renamed copy, inlined into the methods that {@code methods} matches. */
    public static MethodAdvice on(MethodMatcher methods, RenamedAdvice advice) {
        return none().with(methods, advice.name(), advice);
    }

    private static MethodAdvice none() {
        return new MethodAdvice(Collections.<MethodMatcher>emptyList(),
                Collections.<String>emptyList(), Collections.<RenamedAdvice>emptyList());
    }

    /** This, and {@code adviceClass} in the methods that {@code methods} matches. */
    public MethodAdvice and(MethodMatcher methods, String adviceClass) {
        return with(methods, adviceClass, null);
    }

    /** This, and {@code advice}'s renamed copy in the methods that {@code methods} matches. */
    public MethodAdvice and(MethodMatcher methods, RenamedAdvice advice) {
        return with(methods, advice.name(), advice);
    }

    private MethodAdvice with(MethodMatcher methods, String adviceClass,
            RenamedAdvice renaming) {
        List<MethodMatcher> allMethods = new ArrayList<>(this.methods);
        allMethods.add(methods);
        List<String> allAdvice = new ArrayList<>(adviceClasses);
        allAdvice.add(adviceClass);
        List<RenamedAdvice> allRenamings = new ArrayList<>(renamings);
        allRenamings.add(renaming);
        return new MethodAdvice(Collections.unmodifiableList(allMethods), Collections.unmodifiableList(allAdvice),
                Collections.unmodifiableList(allRenamings));
    }

    int size() {
        return methods.size();
    }

    MethodMatcher methods(int i) {
        return methods.get(i);
    }

    String adviceClass(int i) {
        return adviceClasses.get(i);
    }

    /** The source {@link #adviceClass} is a renamed copy of, or null. */
    RenamedAdvice renaming(int i) {
        return renamings.get(i);
    }
}
