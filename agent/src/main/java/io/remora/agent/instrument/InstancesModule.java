package io.remora.agent.instrument;

import static io.remora.agent.instrument.inline.MethodMatcher.isConstructor;

import io.remora.agent.instrument.select.ClassMatch;
import io.remora.bootstrap.WeakInstances;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * An instrumentation that only needs to know the objects of one class (a container's session
 * managers, its servers): that class, by exact name, registers each instance at the end of its
 * constructors in {@link WeakInstances#of} its name, for the module's collector to read each interval.
 * An instance built before an attached agent was up is not seen.
 */
public abstract class InstancesModule implements InstrumentationModule, TypeInstrumentation {

    private final String switchName;
    private final String className;

    protected InstancesModule(String switchName, String className) {
        this.switchName = switchName;
        this.className = className;
    }

    @Override
    public final String name() {
        return switchName;
    }

    @Override
    public final List<TypeInstrumentation> types() {
        return Collections.<TypeInstrumentation>singletonList(this);
    }

    @Override
    public final ClassMatch classes() {
        return ClassMatch.named(className);
    }

    @Override
    public final MethodAdvice advice() {
        return MethodAdvice.on(isConstructor(), ConstructorAdvice.class.getName());
    }

    /** Inlined at the end of each constructor of the class; its name is a constant in the woven code. */
    static final class ConstructorAdvice {

        private ConstructorAdvice() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Origin("#t") String type, @Advice.This Object instance) {
            WeakInstances.of(type).add(instance);
        }
    }
}
