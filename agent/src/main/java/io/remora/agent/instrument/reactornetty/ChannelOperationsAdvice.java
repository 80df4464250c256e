package io.remora.agent.instrument.reactornetty;

import static io.remora.agent.instrument.inline.MethodMatcher.named;
import static io.remora.agent.instrument.inline.MethodMatcher.takesArguments;

import io.remora.agent.instrument.MethodAdvice;
import io.remora.agent.instrument.TypeInstrumentation;
import io.remora.agent.instrument.select.ClassMatch;
import io.remora.bootstrap.reactornetty.ReactorServerExchange;
import io.netty.channel.Channel;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import net.bytebuddy.asm.Advice;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerResponse;

/**
 * {@code reactor.netty.channel.ChannelOperations}, the base of every Reactor Netty operations
 * (server and client, HTTP and TCP); its {@code terminate()} and {@code onInboundError(Throwable)}
 * are final, so they are woven here, and act only for a server's HTTP request (a channel that
 * has the request's attribute, then an {@code HttpServerResponse}; reactor-netty-core's own TCP
 * operations never reach a type of reactor-netty-http). {@code terminate()} ends the request: after the response's last write
 * completed (successfully or not), or when the connection closed or failed before the response was
 * done; the request's exchange is claimed there, so it is recorded once, and taken out of the channel.
 * {@code onInboundError} (the connection failed, or closed before the response:
 * {@code AbortedException}) keeps the error for that record.
 */
final class ChannelOperationsAdvice implements TypeInstrumentation {

    @Override
    public ClassMatch classes() {
        return ClassMatch.named("reactor.netty.channel.ChannelOperations");
    }

    @Override
    public MethodAdvice advice() {
        return MethodAdvice.on(named("terminate").and(takesArguments(0)), Terminate.class.getName())
                .and(named("onInboundError").and(takesArguments(1)), InboundError.class.getName());
    }

    /** Inlined at the start of {@code terminate()}. */
    static final class Terminate {

        private Terminate() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object operations) {
            Channel channel = ((Connection) operations).channel();
            AttributeKey<Object> key = AttributeKey.valueOf(ReactorServerExchange.CHANNEL_ATTRIBUTE);
            // only a server's HTTP channel has the key; the HTTP types are named only then
            if (channel.hasAttr(key) && operations instanceof HttpServerResponse) {
                Attribute<Object> attribute = channel.attr(key);
                Object state = attribute.get();
                ReactorServerExchange exchange = ReactorServerExchange.of(state, operations);
                if (exchange != null && exchange.claim()) {
                    attribute.compareAndSet(exchange, null); // unless a pipelined request's is there now
                    HttpServerResponse response = (HttpServerResponse) operations;
                    exchange.complete(response.method().name(), response.status().code(), response.hasSentHeaders(),
                            response.scheme());
                }
            }
        }
    }

    /** Inlined at the start of {@code onInboundError(Throwable)}. */
    static final class InboundError {

        private InboundError() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object operations, @Advice.Argument(0) Throwable error) {
            Channel channel = ((Connection) operations).channel();
            AttributeKey<Object> key = AttributeKey.valueOf(ReactorServerExchange.CHANNEL_ATTRIBUTE);
            if (channel.hasAttr(key)) {
                ReactorServerExchange.failed(channel.attr(key).get(), operations, error);
            }
        }
    }
}
