package io.remora.agent.instrument.micrometer;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;

import io.remora.agent.collect.PeriodicCollector;
import io.remora.agent.instrument.InstrumentationModule;
import io.remora.agent.instrument.MethodAdvice;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import io.remora.bootstrap.micrometer.MeterRegistries;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * The application's own Micrometer meters, with no code change: every {@code MeterRegistry} is
 * captured when it is built, by advice at the end of the constructor of
 * {@code io.micrometer.core.instrument.MeterRegistry} itself, which the construction of every
 * registry runs ({@code Metrics.globalRegistry}, Spring Boot's, any the application builds). One
 * class, matched by exact name in whatever loader defines it, so no other class costs more than a
 * name lookup, and premain loads nothing of Micrometer. {@link MicrometerCollector} reads the
 * registries each interval on the agent's thread.
 *
 * <p>A registry built before the advice was in place (the agent attached to a running JVM, or
 * Micrometer loaded while the agent was still starting) is found at its next meter registration or
 * lookup, by advice at the start of its private {@code getOrCreateMeter} (Micrometer 1.x; a version
 * without it only misses such registries). Neither method runs a loop: redefining the class leaves
 * no frame on old code.
 */
public final class MicrometerModule implements InstrumentationModule {

    static final String METER_REGISTRY = MicrometerApi.METER_REGISTRY;

    @Override
    public String name() {
        return "micrometer";
    }

    @Override
    public List<TypeInstrumentation> types() {
        return Collections.<TypeInstrumentation>singletonList(new Registries());
    }

    @Override
    public PeriodicCollector collector() {
        return new MicrometerCollector(MeterRegistries::registries);
    }

    private static final class Registries implements TypeInstrumentation {

        @Override
        public ClassMatch classes() {
            return ClassMatch.named(METER_REGISTRY);
        }

        @Override
        public MethodAdvice advice() {
            return MethodAdvice.on(isConstructor(), ConstructorAdvice.class.getName())
                    .and(named("getOrCreateMeter"), MeterAdvice.class.getName());
        }
    }

    /** Inlined at the start of {@code MeterRegistry.getOrCreateMeter}, whatever its parameters. */
    static final class MeterAdvice {

        private MeterAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object self) {
            MeterRegistries.used(self);
        }
    }

    /** Inlined at the end of {@code MeterRegistry}'s constructor. */
    static final class ConstructorAdvice {

        private ConstructorAdvice() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object self) {
            MeterRegistries.constructed(self);
        }
    }
}
