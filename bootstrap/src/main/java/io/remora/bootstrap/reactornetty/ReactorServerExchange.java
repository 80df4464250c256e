package io.remora.bootstrap.reactornetty;

import io.remora.bootstrap.http.HttpServerHooks;
import io.remora.bootstrap.label.ErrorTypes;
import io.remora.bootstrap.label.HttpMethods;
import io.remora.bootstrap.label.StatusCodes;
import io.remora.bootstrap.label.UrlSchemes;
import java.util.Map;

/**
 * One Reactor Netty server request, from when its {@code HttpServerOperations} is made (the
 * request has arrived) until the operations terminate (the response's last write has completed, or
 * the connection failed). The advice keeps it in the connection's channel, under the attribute
 * {@link #CHANNEL_ATTRIBUTE}, since it cannot add a field to the library's class; it names the
 * operations it belongs to ({@link #owner}), so that a later request on the same channel never
 * takes it for its own. What it gathers on the way, each optional: the route template of Reactor
 * Netty's own routing ({@code HttpServerRoutes}), the attributes of WebFlux's exchange (its matched
 * pattern and the exception its handlers turned into a 5xx), and the first error the operations
 * saw. Allocates this object per request; the record happens once ({@link #claim}).
 */
public final class ReactorServerExchange {

    /** The channel attribute's name ({@code AttributeKey.valueOf}). */
    public static final String CHANNEL_ATTRIBUTE = "io.remora.reactor.server.exchange";

    /** WebFlux's {@code HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE}: a {@code PathPattern}, whose text is the template. */
    static final String WEBFLUX_PATTERN = "org.springframework.web.reactive.HandlerMapping.bestMatchingPattern";

    /** WebFlux's {@code ExceptionHandlingWebHandler.HANDLED_WEB_EXCEPTION} (Spring 6.1+): what its exception handlers got. */
    static final String WEBFLUX_HANDLED_EXCEPTION = "ExceptionHandlingWebHandler.handledException";

    /**
     * The error_type of a request whose connection closed before its response and with no error
     * seen: what Reactor Netty itself reports for a closed connection.
     */
    static final String CONNECTION_CLOSED = "reactor.netty.channel.AbortedException";

    /** Unfinished requests looked through on one connection, at most. */
    static final int MAX_PIPELINED = 16;

    private final Object owner;
    private final long startNanos;
    private volatile String route;
    private volatile Map<String, Object> attributes;
    private volatile Throwable error;
    private volatile ReactorServerExchange previous;
    private volatile boolean recorded;

    private ReactorServerExchange(Object owner, long startNanos) {
        this.owner = owner;
        this.startNanos = startNanos;
    }

    /**
     * @param operations the request's {@code HttpServerOperations}, just made
     * @param current what the channel holds now: null, or the exchange of a previous request on the
     *     connection whose operations have not terminated yet (HTTP/1.1 pipelining: Reactor Netty
     *     may start the next request before the last write of the one before has completed), which
     *     stays reachable from the new one until it ends
     * @return the new exchange, to put in the channel
     */
    public static Object start(Object operations, Object current) {
        if (current instanceof ReactorServerExchange && ((ReactorServerExchange) current).owner == operations) {
            return current; // a constructor that delegates to another (Reactor Netty 1.0 has two): one request
        }
        ReactorServerExchange exchange = new ReactorServerExchange(operations, System.nanoTime());
        if (current instanceof ReactorServerExchange) {
            exchange.previous = (ReactorServerExchange) current;
            // keep only the unfinished ones, at most MAX_PIPELINED: a long pipelined connection holds no history
            ReactorServerExchange link = exchange;
            for (int depth = 0; link != null; depth++) {
                ReactorServerExchange next = link.previous;
                while (next != null && next.recorded) {
                    next = next.previous;
                }
                if (depth >= MAX_PIPELINED) {
                    next = null;
                }
                link.previous = next;
                link = next;
            }
        }
        return exchange;
    }

    /**
     * @return the exchange of {@code operations} among {@code state} (the channel's attribute) and
     *     the unfinished requests before it on the connection, else null
     */
    public static ReactorServerExchange of(Object state, Object operations) {
        if (!(state instanceof ReactorServerExchange)) {
            return null;
        }
        ReactorServerExchange exchange = (ReactorServerExchange) state;
        for (int depth = 0; exchange != null && depth < MAX_PIPELINED; depth++) {
            if (exchange.owner == operations) {
                return exchange;
            }
            exchange = exchange.previous;
        }
        return null;
    }

    /**
     * Takes the request for its record: true the first time only. Usually on the connection's event
     * loop, but the operations can also terminate on the thread that completed the application's
     * publisher, so this is atomic (a lock no one else takes: uncontended).
     */
    public synchronized boolean claim() {
        if (recorded) {
            return false;
        }
        recorded = true;
        return true;
    }

    /** Reactor Netty's routing chose a route for the request; {@code template} may be null (a route of a bare predicate). */
    public static void route(Object state, Object operations, String template) {
        ReactorServerExchange exchange = of(state, operations);
        if (exchange != null && template != null) {
            exchange.route = template;
        }
    }

    /** WebFlux made its exchange for the request: its attributes are read when the request ends. */
    public static void attributes(Object state, Object operations, Map<String, Object> attributes) {
        ReactorServerExchange exchange = of(state, operations);
        if (exchange != null) {
            exchange.attributes = attributes;
        }
    }

    /** The operations failed (the handler's error, the connection's); the first one is kept. */
    public static void failed(Object state, Object operations, Throwable error) {
        ReactorServerExchange exchange = of(state, operations);
        if (exchange != null && exchange.error == null) {
            exchange.error = error;
        }
    }

    /**
     * The request ended. Call once, after {@link #claim}.
     *
     * @param status the response's status
     * @param headersSent whether the response's status line went out; without it the connection
     *     closed or failed before the response: no status, and the error the operations saw, else
     *     {@link #CONNECTION_CLOSED}
     * @param scheme {@code http} or {@code https}
     */
    public void complete(String method, int status, boolean headersSent, String scheme) {
        Throwable thrown = error;
        String template = route;
        Map<String, Object> exchangeAttributes = attributes;
        if (exchangeAttributes != null) {
            Object pattern = exchangeAttributes.get(WEBFLUX_PATTERN);
            if (pattern != null) {
                template = pattern.toString();
            }
            if (thrown == null && headersSent && status >= ErrorTypes.SERVER_ERRORS_FROM) {
                Object handled = exchangeAttributes.get(WEBFLUX_HANDLED_EXCEPTION);
                if (handled instanceof Throwable) {
                    thrown = (Throwable) handled;
                }
            }
        }
        String routeLabel = template == null ? HttpServerHooks.NO_ROUTE : template;
        if (headersSent) {
            HttpServerHooks.record(startNanos, method, status, routeLabel, UrlSchemes.of(scheme), thrown);
        } else {
            HttpServerHooks.DURATION.labels(HttpMethods.of(method), StatusCodes.of(0), routeLabel,
                    UrlSchemes.of(scheme), thrown == null ? CONNECTION_CLOSED : ErrorTypes.of(thrown))
                    .record(System.nanoTime() - startNanos);
        }
    }
}
