package io.remora.agent.instrument;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * How a chosen class changes: which of its declared methods (and constructors) get which advice, as
 * pairs of a method matcher and the name of an advice class (a class of {@code @Advice.OnMethodEnter}
 * and {@code @Advice.OnMethodExit} methods, inlined). The advice class is named, not loaded: it may
 * refer to the library's types, which the agent's loader cannot see.
 */
public final class MethodAdvice {

    private final List<ElementMatcher<? super MethodDescription>> methods;
    private final List<String> adviceClasses;

    private MethodAdvice(List<ElementMatcher<? super MethodDescription>> methods, List<String> adviceClasses) {
        this.methods = methods;
        this.adviceClasses = adviceClasses;
    }

    /** {@code adviceClass}, inlined into the methods that {@code methods} matches. */
    public static MethodAdvice on(ElementMatcher<? super MethodDescription> methods, String adviceClass) {
        return new MethodAdvice(Collections.<ElementMatcher<? super MethodDescription>>emptyList(),
                Collections.<String>emptyList()).and(methods, adviceClass);
    }

    /** This, and {@code adviceClass} in the methods that {@code methods} matches. */
    public MethodAdvice and(ElementMatcher<? super MethodDescription> methods, String adviceClass) {
        List<ElementMatcher<? super MethodDescription>> allMethods = new ArrayList<>(this.methods);
        allMethods.add(methods);
        List<String> allAdvice = new ArrayList<>(adviceClasses);
        allAdvice.add(adviceClass);
        return new MethodAdvice(Collections.unmodifiableList(allMethods), Collections.unmodifiableList(allAdvice));
    }

    int size() {
        return methods.size();
    }

    ElementMatcher<? super MethodDescription> methods(int i) {
        return methods.get(i);
    }

    String adviceClass(int i) {
        return adviceClasses.get(i);
    }
}
