package io.remora.bootstrap.apachehttpclient;

import io.remora.bootstrap.http.HttpClientHooks;
import io.remora.bootstrap.label.ServerPorts;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Records one asynchronous Apache HttpClient 5 request when it completes: the advice puts this, as a
 * {@link Proxy} of the library's own {@code AsyncExecCallback} interface, in front of the callback
 * the client's execution chain reports to, so no class is defined in the application's loader and
 * this loader never names the library's types (the response's status is read through the
 * {@code HttpResponse} interface by reflection, its method looked up once per loader). The chain's
 * outermost callback hears the final response only ({@code handleResponse}, after redirects and
 * retries), then {@code completed()} once the response has been consumed, or {@code failed(e)}.
 * The request is recorded once, before the call is passed on, so the application's own
 * completion code is not timed; whatever the wrapped callback does or throws reaches the client
 * unchanged. Allocates per request: this handler and its proxy.
 */
public final class AsyncExchange implements InvocationHandler {

    private static final ClassValue<Method> STATUS_OF = new ClassValue<Method>() {
        @Override
        protected Method computeValue(Class<?> callbackType) {
            try {
                return Class.forName("org.apache.hc.core5.http.HttpResponse", false, callbackType.getClassLoader())
                        .getMethod("getCode");
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("no HttpResponse.getCode() beside " + callbackType + ": " + e, e);
            }
        }
    };

    private final Object delegate;
    private final Method statusOf;
    private final long startNanos;
    private final String method;
    private final String host;
    private final String port;
    private final AtomicBoolean recorded = new AtomicBoolean();
    private volatile int status;

    private AsyncExchange(Object delegate, Method statusOf, long startNanos, String method, String host, String port) {
        this.delegate = delegate;
        this.statusOf = statusOf;
        this.startNanos = startNanos;
        this.method = method;
        this.host = host;
        this.port = port;
    }

    /**
     * @param callbackType the library's {@code AsyncExecCallback} interface, as the application sees it
     * @param callback the callback to pass every call on to
     * @param port the port the request names, below 0 when it names none
     * @return a callback of {@code callbackType} that records the request, then calls {@code callback};
     *     null when {@code callback} is null (the client fails as it would, and nothing is recorded)
     */
    public static Object wrap(Class<?> callbackType, Object callback, long startNanos, String method, String host,
            int port, String scheme) {
        if (callback == null) {
            return null;
        }
        AsyncExchange handler = new AsyncExchange(callback, STATUS_OF.get(callbackType), startNanos, method, host,
                ServerPorts.of(port, scheme));
        return Proxy.newProxyInstance(callbackType.getClassLoader(), new Class<?>[] {callbackType}, handler);
    }

    /** A request whose execution threw before it could report to its callback: recorded with that, once. */
    public static void threw(Object callback, Throwable thrown) {
        if (thrown != null && callback != null && Proxy.isProxyClass(callback.getClass())) {
            InvocationHandler handler = Proxy.getInvocationHandler(callback);
            if (handler instanceof AsyncExchange) {
                ((AsyncExchange) handler).record(thrown);
            }
        }
    }

    @Override
    public Object invoke(Object proxy, Method called, Object[] args) throws Throwable {
        if (called.getDeclaringClass() == Object.class) {
            return objectMethod(proxy, called.getName(), args);
        }
        try {
            observe(called.getName(), args);
        } catch (Throwable t) {
            // the host comes first: the client never sees this fail; the request may go unrecorded
        }
        try {
            return called.invoke(delegate, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private void observe(String name, Object[] args) throws ReflectiveOperationException {
        if (name.equals("handleResponse")) {
            status = (Integer) statusOf.invoke(args[0]);
        } else if (name.equals("completed")) {
            record(null);
        } else if (name.equals("failed")) {
            Throwable failure = args[0] instanceof Throwable ? (Throwable) args[0] : new CancellationException();
            record(failure);
        }
    }

    private void record(Throwable failure) {
        if (recorded.compareAndSet(false, true)) {
            HttpClientHooks.record(startNanos, method, host, port, status, failure);
        }
    }

    private static Object objectMethod(Object proxy, String name, Object[] args) {
        if (name.equals("equals")) {
            return proxy == args[0];
        }
        if (name.equals("hashCode")) {
            return System.identityHashCode(proxy);
        }
        return "remora async client exchange";
    }
}
