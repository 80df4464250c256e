package io.remora.bootstrap.servlet;

import io.remora.bootstrap.http.HttpServerHooks;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Records an asynchronous servlet request when it completes rather than when its first call
 * returns. The servlet advice registers one per async request as the request's
 * {@code AsyncListener}: a {@link Proxy} of the application's own {@code javax.servlet} or
 * {@code jakarta.servlet} listener interface with this handler, so no class is defined in the
 * application's loader, and the servlet API is reached by reflection (methods looked up once per
 * API, in {@link ServletApi}). Allocates per async request only; the synchronous path never comes
 * here.
 *
 * <p>error_type: what an async dispatch of the request threw (the advice leaves it in the request
 * attribute {@link #DISPATCH_ERROR}: Jetty tells no listener about it, Tomcat's {@code onError}
 * has it wrapped in a ServletException), else what {@code onError} was given (an I/O error, say).
 * {@code onTimeout} records nothing, since
 * the container (or a listener) completes the request next and {@code onComplete} then reads the
 * status actually sent; {@code onStartAsync} (the request started another async cycle, which drops
 * the listeners) registers the listener again. Recorded once.
 */
public final class AsyncCompletion implements InvocationHandler {

    /** The request attribute holding what the request's async dispatch threw. */
    public static final String DISPATCH_ERROR = "io.remora.async.dispatch.error";

    private static final ClassValue<ServletApi> APIS = new ClassValue<ServletApi>() {
        @Override
        protected ServletApi computeValue(Class<?> listenerType) {
            return new ServletApi(listenerType);
        }
    };

    private final ServletApi api;
    private final long startNanos;
    private final String method;
    private final String route;
    private final String scheme;
    private final Object request;
    private final Object response;
    private final AtomicBoolean recorded = new AtomicBoolean();
    private volatile Throwable error;

    private AsyncCompletion(ServletApi api, long startNanos, String method, String route, String scheme,
            Object request, Object response) {
        this.api = api;
        this.startNanos = startNanos;
        this.method = method;
        this.route = route;
        this.scheme = scheme;
        this.request = request;
        this.response = response;
    }

    /**
     * @param listenerType the API's {@code AsyncListener} interface, as the application sees it
     * @param request the {@code HttpServletRequest}
     * @param response its {@code HttpServletResponse}
     * @return an {@code AsyncListener} to add to the request's {@code AsyncContext}
     */
    public static Object listener(Class<?> listenerType, long startNanos, String method, String route, String scheme,
            Object request, Object response) {
        AsyncCompletion handler = new AsyncCompletion(APIS.get(listenerType), startNanos, method, route, scheme,
                request, response);
        return Proxy.newProxyInstance(listenerType.getClassLoader(), new Class<?>[] {listenerType}, handler);
    }

    @Override
    public Object invoke(Object proxy, Method called, Object[] args) {
        String name = called.getName();
        if (called.getDeclaringClass() == Object.class) {
            return objectMethod(proxy, name, args);
        }
        try {
            if (name.equals("onComplete")) {
                complete();
            } else if (name.equals("onError")) {
                error = (Throwable) api.eventThrowable.invoke(args[0]);
            } else if (name.equals("onStartAsync")) {
                api.addListener.invoke(api.eventAsyncContext.invoke(args[0]), proxy);
            }
        } catch (Throwable t) {
            // the host comes first: the container never sees the listener fail; the request goes unrecorded
        }
        return null;
    }

    private void complete() throws ReflectiveOperationException {
        if (recorded.compareAndSet(false, true)) {
            int status = (Integer) api.responseStatus.invoke(response);
            Object dispatchError = api.requestAttribute.invoke(request, DISPATCH_ERROR);
            HttpServerHooks.record(startNanos, method, status, route, scheme,
                    dispatchError instanceof Throwable ? (Throwable) dispatchError : error);
        }
    }

    private static Object objectMethod(Object proxy, String name, Object[] args) {
        if (name.equals("equals")) {
            return proxy == args[0];
        }
        if (name.equals("hashCode")) {
            return System.identityHashCode(proxy);
        }
        return "remora async request listener";
    }

    /** The reflective methods of one servlet API ({@code javax.servlet} or {@code jakarta.servlet}) in one loader. */
    static final class ServletApi {
        final Method responseStatus;
        final Method requestAttribute;
        final Method eventThrowable;
        final Method eventAsyncContext;
        final Method addListener;

        ServletApi(Class<?> listenerType) {
            String api = listenerType.getPackage().getName();
            ClassLoader loader = listenerType.getClassLoader();
            try {
                Class<?> event = Class.forName(api + ".AsyncEvent", false, loader);
                responseStatus = Class.forName(api + ".http.HttpServletResponse", false, loader).getMethod("getStatus");
                requestAttribute = Class.forName(api + ".ServletRequest", false, loader)
                        .getMethod("getAttribute", String.class);
                eventThrowable = event.getMethod("getThrowable");
                eventAsyncContext = event.getMethod("getAsyncContext");
                addListener = Class.forName(api + ".AsyncContext", false, loader).getMethod("addListener", listenerType);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("not a servlet API: " + listenerType + ": " + e, e);
            }
        }
    }
}
