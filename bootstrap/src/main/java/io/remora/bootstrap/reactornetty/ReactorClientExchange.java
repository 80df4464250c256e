package io.remora.bootstrap.reactornetty;

import io.remora.bootstrap.http.LibraryClientHooks;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * One Reactor Netty client request (a subscription to an {@code HttpClient} request, and so every
 * {@code WebClient} exchange), from its subscription until its response has been received in full,
 * or until it fails for good. Reactor Netty makes one {@code HttpClientConnect.HttpClientHandler} per
 * subscription and keeps it through the request's redirects and retries; the advice cannot add a field
 * to it, so its start time is kept here, in weak maps keyed by the handler (striped, so event loops
 * seldom share a lock): a request cancelled before either end leaves nothing behind once its handler
 * is gone. Recorded once, by whichever end takes it out of the map first. Allocates per request this
 * object and the map's entry.
 */
public final class ReactorClientExchange {

    private static final int STRIPES = 16;

    @SuppressWarnings("unchecked")
    private static final Map<Object, ReactorClientExchange>[] REQUESTS = new Map[STRIPES];

    static {
        for (int i = 0; i < STRIPES; i++) {
            REQUESTS[i] = new WeakHashMap<>();
        }
    }

    private final long startNanos;

    private ReactorClientExchange(long startNanos) {
        this.startNanos = startNanos;
    }

    /** A request was subscribed to: {@code handler} is its {@code HttpClientHandler}, just made. */
    public static void start(Object handler) {
        ReactorClientExchange exchange = new ReactorClientExchange(System.nanoTime());
        Map<Object, ReactorClientExchange> requests = stripe(handler);
        synchronized (requests) {
            requests.put(handler, exchange);
        }
    }

    /**
     * The request's final response has been received in full.
     *
     * @param url the URL the response came from, {@code scheme://host[:port]/...}
     */
    public static void completed(Object handler, String method, String url, int status) {
        end(handler, method, url, status, null);
    }

    /** The request failed for good (Reactor Netty retries or redirects no more): no status. */
    public static void failed(Object handler, String method, String url, Throwable error) {
        end(handler, method, url, 0, error);
    }

    private static void end(Object handler, String method, String url, int status, Throwable error) {
        ReactorClientExchange exchange;
        Map<Object, ReactorClientExchange> requests = stripe(handler);
        synchronized (requests) {
            exchange = requests.remove(handler);
        }
        if (exchange != null) {
            int hostStart = url.indexOf("://");
            String scheme = hostStart < 0 ? null : url.substring(0, hostStart);
            hostStart = hostStart < 0 ? 0 : hostStart + 3;
            int hostEnd = hostStart;
            while (hostEnd < url.length() && "/?#".indexOf(url.charAt(hostEnd)) < 0) {
                hostEnd++;
            }
            int at = url.lastIndexOf('@', hostEnd - 1);
            if (at >= hostStart) {
                hostStart = at + 1;
            }
            int colon = url.lastIndexOf(':', hostEnd - 1);
            int port = -1;
            int nameEnd = hostEnd;
            if (colon >= hostStart && url.lastIndexOf(']', hostEnd - 1) < colon) {
                port = parsePort(url, colon + 1, hostEnd);
                nameEnd = colon;
            }
            LibraryClientHooks.record(exchange.startNanos, method, url.substring(hostStart, nameEnd), port, scheme,
                    status, error);
        }
    }

    /** The digits between {@code from} and {@code to}, or -1. */
    private static int parsePort(String url, int from, int to) {
        if (from >= to || to - from > 5) {
            return -1;
        }
        int port = 0;
        for (int i = from; i < to; i++) {
            char c = url.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            port = port * 10 + (c - '0');
        }
        return port;
    }

    private static Map<Object, ReactorClientExchange> stripe(Object handler) {
        return REQUESTS[System.identityHashCode(handler) & (STRIPES - 1)];
    }
}
