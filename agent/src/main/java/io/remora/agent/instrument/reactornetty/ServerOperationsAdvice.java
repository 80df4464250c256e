package io.remora.agent.instrument.reactornetty;

import static io.remora.agent.instrument.inline.MethodMatcher.isConstructor;
import static io.remora.agent.instrument.inline.MethodMatcher.named;
import static io.remora.agent.instrument.inline.MethodMatcher.not;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArguments;

import io.remora.agent.instrument.MethodAdvice;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import io.remora.bootstrap.reactornetty.ReactorServerExchange;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import net.bytebuddy.asm.Advice;
import reactor.netty.Connection;

/**
 * {@code reactor.netty.http.server.HttpServerOperations} (Reactor Netty 1.x), one per request: its
 * constructor, which runs when the request has arrived, starts the request's
 * {@link ReactorServerExchange} and puts it in the channel; {@code onOutboundError}, which runs when
 * the application's handler fails (Reactor Netty then answers 500 itself if nothing was sent yet),
 * keeps the error for the record. The copy constructor (one argument) makes no new request.
 */
final class ServerOperationsAdvice implements TypeInstrumentation {

    static final String SERVER_OPERATIONS = "reactor.netty.http.server.HttpServerOperations";

    @Override
    public ClassMatch classes() {
        return ClassMatch.named(SERVER_OPERATIONS);
    }

    @Override
    public MethodAdvice advice() {
        return MethodAdvice.on(isConstructor().and(not(takesArguments(1))),
                        Arrived.class.getName())
                .and(named("onOutboundError").and(takesArguments(1)), OutboundError.class.getName());
    }

    /** Inlined at the end of the request's constructor. */
    static final class Arrived {

        private Arrived() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object operations) {
            Attribute<Object> attribute = ((Connection) operations).channel()
                    .attr(AttributeKey.<Object>valueOf(ReactorServerExchange.CHANNEL_ATTRIBUTE));
            attribute.set(ReactorServerExchange.start(operations, attribute.get()));
        }
    }

    /** Inlined at the start of {@code onOutboundError(Throwable)}. */
    static final class OutboundError {

        private OutboundError() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object operations, @Advice.Argument(0) Throwable error) {
            ReactorServerExchange.failed(((Connection) operations).channel()
                    .attr(AttributeKey.valueOf(ReactorServerExchange.CHANNEL_ATTRIBUTE)).get(), operations, error);
        }
    }
}
