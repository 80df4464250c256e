package io.remora.agent.instrument.methods;

import io.remora.agent.instrument.InstrumentationModule;
import io.remora.agent.instrument.MethodAdvice;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import java.util.Collections;
import io.remora.bootstrap.methods.MethodHooks;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * {@code remora.methods}: the named methods of application classes timed into
 * {@code method_duration_seconds{class,method,error_type}}. Every call is one observation, a
 * recursive call too (outermost-only would need a per-thread depth per method). Methods of JDK
 * classes are dropped by the configuration check, with a reason: the agent ignores the JDK unless a
 * module lists a class, and its own hooks run on it. A named class that never loads costs a set
 * lookup per loaded class.
 */
public final class MethodsModule implements InstrumentationModule, TypeInstrumentation {

    private final MethodSelection selection;

    /** @param methods {@code Class#method} and {@code Class#*}, as the configuration checked them */
    public MethodsModule(List<String> methods) {
        this.selection = MethodSelection.of(methods);
    }

    @Override
    public String name() {
        return "methods";
    }

    @Override
    public List<TypeInstrumentation> types() {
        return selection.isEmpty() ? Collections.<TypeInstrumentation>emptyList()
                : Collections.<TypeInstrumentation>singletonList(this);
    }

    @Override
    public ClassMatch classes() {
        return ClassMatch.named(selection.classNames());
    }

    @Override
    public MethodAdvice advice() {
        return MethodAdvice.on(selection.methods(), TimedAdvice.class.getName());
    }

    /**
     * Inlined into each chosen method. The class and method names are {@code @Origin} strings, which
     * Byte Buddy writes into the method as constants: the same instances on every call.
     */
    static final class TimedAdvice {

        private TimedAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return System.nanoTime();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long start, @Advice.Origin("#t") String className,
                @Advice.Origin("#m") String method, @Advice.Thrown Throwable thrown) {
            MethodHooks.record(start, className, method, thrown);
        }
    }
}
