package io.remora.agent.instrument.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

class MethodSelectionTest {

    private static final String SVC = Svc.class.getName();

    @Test
    void everyMethodMeansTheDeclaredMethodsWithABody() {
        MethodSelection selection = MethodSelection.of(List.of(SVC + "#*"));
        // not: the constructor, the static initialiser, the abstract and the native method, the
        // bridge apply(Object) and the lambda's body
        assertEquals(Set.of("apply(java.lang.String)", "handle()", "handle(int)", "helper()"),
                chosen(selection, Svc.class));
    }

    @Test
    void theSampleHasTheMethodsLeftOut() {
        boolean bridge = false;
        boolean lambda = false;
        for (MethodDescription method : TypeDescription.ForLoadedType.of(Svc.class).getDeclaredMethods()) {
            bridge |= method.isBridge();
            lambda |= method.getName().startsWith("lambda$") && method.isSynthetic();
        }
        assertTrue(bridge && lambda, "javac wrote no bridge or no lambda body into Svc");
    }

    @Test
    void aNamedMethodIsEveryOverloadOfThatName() {
        assertEquals(Set.of("handle()", "handle(int)"), chosen(MethodSelection.of(List.of(SVC + "#handle")), Svc.class));
    }

    @Test
    void aNamedMethodIsNeverItsBridge() {
        assertEquals(Set.of("apply(java.lang.String)"), chosen(MethodSelection.of(List.of(SVC + "#apply")), Svc.class));
    }

    @Test
    void everyMethodWinsOverANamedOneOfTheSameClass() {
        assertEquals(Set.of("apply(java.lang.String)", "handle()", "handle(int)", "helper()"),
                chosen(MethodSelection.of(List.of(SVC + "#handle", SVC + "#*")), Svc.class));
    }

    @Test
    void theClassesAreTheNamedOnes() {
        MethodSelection selection = MethodSelection.of(List.of(SVC + "#handle", "com.acme.Repo#*", SVC + "#apply"));
        assertEquals(Set.of(SVC, "com.acme.Repo"), Set.of(selection.classNames()));
    }

    @Test
    void aMethodBelongsToTheClassThatDeclaresIt() {
        MethodSelection selection = MethodSelection.of(List.of(SVC + "#handle", SubSvc.class.getName() + "#later"));
        assertEquals(Set.of("later()"), chosen(selection, SubSvc.class), "SubSvc's own handle() is not Svc's");
    }

    @Test
    void nothingNamedSelectsNothing() {
        assertTrue(MethodSelection.of(List.of()).isEmpty());
        assertFalse(MethodSelection.of(List.of("com.acme.Repo#*")).isEmpty());
    }

    private static Set<String> chosen(MethodSelection selection, Class<?> type) {
        Set<String> chosen = new TreeSet<>();
        for (MethodDescription method : TypeDescription.ForLoadedType.of(type).getDeclaredMethods()) {
            if (selection.methods().matches(method)) {
                StringBuilder signature = new StringBuilder(method.getName()).append('(');
                for (int i = 0; i < method.getParameters().size(); i++) {
                    signature.append(i > 0 ? "," : "").append(method.getParameters().get(i).getType().asErasure().getName());
                }
                chosen.add(signature.append(')').toString());
            }
        }
        return chosen;
    }

    /** One of each kind of method javac writes. */
    abstract static class Svc implements Function<String, String> {
        static {
            System.getProperty("a static initialiser");
        }

        Svc() {
        }

        @Override
        public String apply(String s) {
            Runnable lambda = () -> System.getProperty(s);
            return s + lambda;
        }

        void handle() {
        }

        void handle(int times) {
        }

        static void helper() {
        }

        abstract void later();

        native void nativeCall();
    }

    abstract static class SubSvc extends Svc {
        @Override
        void handle() {
        }

        @Override
        void later() {
        }
    }
}
