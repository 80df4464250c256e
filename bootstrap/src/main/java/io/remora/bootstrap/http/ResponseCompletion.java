package io.remora.bootstrap.http;

import io.remora.bootstrap.label.ErrorTypes;
import java.util.function.BiConsumer;

/**
 * Records a {@code java.net.http} request when the future of its {@code HttpResponse} completes:
 * with the response's status, or with the cause of the failure (connection refused, timeout,
 * cancelled by the caller). The one object a request costs the instrumentation.
 */
final class ResponseCompletion implements BiConsumer<Object, Throwable> {

    private final long startNanos;
    private final String method;
    private final String host;
    private final String port;

    ResponseCompletion(long startNanos, String method, String host, String port) {
        this.startNanos = startNanos;
        this.method = method;
        this.host = host;
        this.port = port;
    }

    /** Whatever this throws goes to the future whenComplete made, which nobody reads. */
    @Override
    public void accept(Object response, Throwable failure) {
        if (failure != null) {
            HttpClientHooks.record(startNanos, method, host, port, 0, ErrorTypes.unwrapCompletion(failure));
        } else {
            HttpClientHooks.record(startNanos, method, host, port, ResponseStatus.of(response), null);
        }
    }
}
