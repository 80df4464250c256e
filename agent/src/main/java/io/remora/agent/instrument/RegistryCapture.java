package io.remora.agent.instrument;

import static io.remora.agent.instrument.inline.MethodMatcher.isConstructor;
import static io.remora.agent.instrument.inline.MethodMatcher.named;

import io.remora.agent.instrument.select.ClassMatch;
import io.remora.bootstrap.AppRegistries;
import net.bytebuddy.asm.Advice;

/**
 * How the bridges find the application's own registries with no code change: advice at the end of
 * the constructor of the library's registry class itself (one class, matched by exact name in
 * whatever loader defines it, so no other class costs more than a name lookup), and at the start of
 * the method that registers or looks up a meter, which finds a registry built before the advice was
 * in place (an attached agent, the library loaded while the agent was still starting). Both hand
 * the registry to {@link AppRegistries}; the bridge's collector reads it each interval on the
 * agent's thread. Neither method runs a loop: redefining the class leaves no frame on old code.
 */
public final class RegistryCapture implements TypeInstrumentation {

    private final String registryClass;
    private final String useMethod;

    /**
     * @param registryClass the registry class every registry's construction runs
     * @param useMethod its methods of that name that register or look up a meter, whatever their parameters
     */
    public RegistryCapture(String registryClass, String useMethod) {
        this.registryClass = registryClass;
        this.useMethod = useMethod;
    }

    @Override
    public ClassMatch classes() {
        return ClassMatch.named(registryClass);
    }

    @Override
    public MethodAdvice advice() {
        return MethodAdvice.on(isConstructor(), ConstructorAdvice.class.getName())
                .and(named(useMethod), UseAdvice.class.getName());
    }

    /** Inlined at the start of the method that registers or looks up a meter. */
    static final class UseAdvice {

        private UseAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object self) {
            AppRegistries.used(self);
        }
    }

    /** Inlined at the end of the registry class's constructor. */
    static final class ConstructorAdvice {

        private ConstructorAdvice() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object self) {
            AppRegistries.constructed(self);
        }
    }
}
