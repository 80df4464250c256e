package io.remora.agent.instrument.methods;

import io.remora.agent.instrument.MethodAdvice;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import io.remora.bootstrap.methods.MethodHooks;
import net.bytebuddy.asm.Advice;

/** The classes and methods {@code remora.methods} names, each call timed. */
final class NamedMethodAdvice implements TypeInstrumentation {

    private final MethodSelection selection;

    NamedMethodAdvice(MethodSelection selection) {
        this.selection = selection;
    }

    @Override
    public ClassMatch classes() {
        return ClassMatch.named(selection.classNames());
    }

    @Override
    public MethodAdvice advice() {
        return MethodAdvice.on(selection.methods(), Timed.class.getName());
    }

    /**
     * Inlined into each chosen method. The class and method names are {@code @Origin} strings, which
     * the inliner writes into the method as constants: the same instances on every call.
     */
    static final class Timed {

        private Timed() {
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
