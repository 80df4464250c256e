package io.remora.bootstrap.apachehttpclient;

import io.remora.bootstrap.http.ClientDurations;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.message.BasicHttpResponse;
import org.apache.hc.core5.http.nio.AsyncDataConsumer;
import org.junit.jupiter.api.Test;

/** Apache HttpClient 5's real callback interface, wrapped; each test talks to its own host. */
class AsyncExchangeTest {

    @Test
    void aCompletedRequestIsRecordedOnceWithItsFinalStatusAndEveryCallPassesOn() throws Exception {
        Delegate delegate = new Delegate();
        AsyncExecCallback callback = wrap(delegate, "GET", "completed.test", 8080, "http");
        assertNotSame(delegate, callback);
        assertSame(delegate.consumer, callback.handleResponse(new BasicHttpResponse(404), null));
        assertEquals(0, ClientDurations.count("GET", "404", "completed.test", "8080", "404"));

        callback.completed();
        callback.completed();
        assertEquals(1, ClientDurations.count("GET", "404", "completed.test", "8080", "404"));
        assertEquals(List.of("handleResponse 404", "completed", "completed"), delegate.calls);
    }

    @Test
    void aFailedRequestIsTheFailuresClassAndWhatTheCallbackThrowsReachesTheClientUnchanged() {
        Delegate delegate = new Delegate();
        delegate.throwing = new IllegalStateException("the application's own");
        AsyncExecCallback callback = wrap(delegate, "POST", "failed.test", -1, "https");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> callback.failed(new ConnectException("refused")));
        assertSame(delegate.throwing, thrown);
        assertEquals(1, ClientDurations.count("POST", "", "failed.test", "443", "java.net.ConnectException"));
    }

    @Test
    void aCheckedExceptionOfTheCallbackIsRethrownAsItIs() {
        Delegate delegate = new Delegate();
        IOException io = new IOException("closed");
        delegate.throwing = io;
        AsyncExecCallback callback = wrap(delegate, "GET", "checked.test", 81, "http");
        assertSame(io, assertThrows(IOException.class,
                () -> callback.handleResponse(new BasicHttpResponse(200), null)));
    }

    @Test
    void anExecutionThatThrowsIsRecordedOnceEvenIfTheCallbackHearsOfItToo() {
        AsyncExecCallback callback = wrap(new Delegate(), "PUT", "threw.test", 82, "http");
        AsyncExchange.threw(callback, new IOException("no route"));
        callback.failed(new IOException("no route"));
        AsyncExchange.threw(new Delegate(), new IOException("not ours: ignored"));
        assertEquals(1, ClientDurations.count("PUT", "", "threw.test", "82", "java.io.IOException"));
    }

    @Test
    void noCallbackIsLeftAsItIs() {
        assertNull(AsyncExchange.wrap(AsyncExecCallback.class, null, System.nanoTime(), "GET", "none.test", 84, "http"));
    }

    @Test
    void theProxyIsEqualOnlyToItself() {
        AsyncExecCallback callback = wrap(new Delegate(), "GET", "object.test", 83, "http");
        assertEquals(callback, callback);
        assertEquals(System.identityHashCode(callback), callback.hashCode());
        assertEquals("remora async client exchange", callback.toString());
    }

    private static AsyncExecCallback wrap(AsyncExecCallback delegate, String method, String host, int port,
            String scheme) {
        return (AsyncExecCallback) AsyncExchange.wrap(AsyncExecCallback.class, delegate, System.nanoTime(), method,
                host, port, scheme);
    }

    /** Notes every call; throws what it is told to. */
    private static final class Delegate implements AsyncExecCallback {
        final List<String> calls = new ArrayList<>();
        final AsyncDataConsumer consumer = null;
        Exception throwing;

        @Override
        public AsyncDataConsumer handleResponse(HttpResponse response, EntityDetails entityDetails)
                throws IOException {
            calls.add("handleResponse " + response.getCode());
            if (throwing instanceof IOException) {
                throw (IOException) throwing;
            }
            return consumer;
        }

        @Override
        public void handleInformationResponse(HttpResponse response) {
            calls.add("handleInformationResponse");
        }

        @Override
        public void completed() {
            calls.add("completed");
        }

        @Override
        public void failed(Exception cause) {
            calls.add("failed");
            if (throwing instanceof RuntimeException) {
                throw (RuntimeException) throwing;
            }
        }
    }
}
