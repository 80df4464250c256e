package io.remora.agent.instrument.kafka;

import static io.remora.agent.instrument.inline.MethodMatcher.isConstructor;
import static io.remora.agent.instrument.inline.MethodMatcher.named;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArguments;

import io.remora.agent.instrument.MethodAdvice;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import io.remora.bootstrap.kafka.ProducerHooks;
import net.bytebuddy.asm.Advice;

/**
 * {@code KafkaProducer$AppendCallbacks} (3.4 and later): built by {@code doSend} for each record and
 * completed once by the producer's I/O thread, {@code onCompletion(metadata, exception)}, when the
 * broker acknowledged the record's batch or it failed. Completion is taken as it begins, before the
 * application's callback runs. 3.x's compiler adds a synthetic constructor that calls the real one:
 * the hook notes an object once.
 */
final class AppendCallbacksAdvice implements TypeInstrumentation {

    @Override
    public ClassMatch classes() {
        return ClassMatch.named(SendAdvice.PRODUCER + "$AppendCallbacks");
    }

    @Override
    public MethodAdvice advice() {
        return MethodAdvice.on(isConstructor(), Created.class.getName())
                .and(named("onCompletion").and(takesArguments(2)), Completion.class.getName());
    }

    /** Inlined at the end of its constructors. */
    static final class Created {

        private Created() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object self) {
            ProducerHooks.callbacksCreated(self);
        }
    }

    /** Inlined at the start of {@code onCompletion}. */
    static final class Completion {

        private Completion() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object self, @Advice.Argument(1) Exception exception) {
            ProducerHooks.completed(self, exception);
        }
    }
}
