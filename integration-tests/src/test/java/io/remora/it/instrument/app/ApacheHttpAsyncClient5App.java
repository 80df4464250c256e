package io.remora.it.instrument.app;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;

/**
 * Apache HttpClient 5 async against a loopback JDK HttpServer, an exact number of times, each
 * request waited for through its future: {@value #GETS} GETs answered 200 and one more that the
 * server redirects there (followed by the client: one request), {@value #NOT_FOUND} GETs answered
 * 404, {@value #FAILED} GETs answered 500, {@value #POSTS} POSTs sent at once, each with a
 * callback of its own, and {@value #REFUSED} GETs to a closed port. Prints the two ports, then
 * what it saw (the refused requests' cause as {@code Future.get} reported it).
 */
public final class ApacheHttpAsyncClient5App {

    public static final int GETS = 5;
    public static final int NOT_FOUND = 3;
    public static final int FAILED = 2;
    public static final int POSTS = 6;
    public static final int REFUSED = 2;

    private ApacheHttpAsyncClient5App() {
    }

    public static void main(String[] args) throws Exception {
        try (LoopbackServer server = new LoopbackServer();
                CloseableHttpAsyncClient client = HttpAsyncClients.createDefault()) {
            client.start();
            int closedPort = JavaNetHttpClientApp.closedPort();
            Gate.await(args[0]);
            String base = server.base();
            int ok = count(client, base + "/ok", GETS, 200);
            int redirected = count(client, base + "/redirect", 1, 200);
            int notFound = count(client, base + "/missing", NOT_FOUND, 404);
            int failed = count(client, base + "/fail", FAILED, 500);

            List<Future<SimpleHttpResponse>> posts = new ArrayList<>();
            int[] called = new int[1];
            for (int i = 0; i < POSTS; i++) {
                SimpleHttpRequest post = SimpleRequestBuilder.post(base + "/ok")
                        .setBody("{\"n\":" + i + "}", ContentType.APPLICATION_JSON).build();
                posts.add(client.execute(post, new FutureCallback<SimpleHttpResponse>() {
                    @Override
                    public void completed(SimpleHttpResponse result) {
                        synchronized (called) {
                            called[0]++;
                        }
                    }

                    @Override
                    public void failed(Exception ex) {
                    }

                    @Override
                    public void cancelled() {
                    }
                }));
            }
            int posted = 0;
            for (Future<SimpleHttpResponse> post : posts) {
                posted += post.get().getCode() == 200 ? 1 : 0;
            }

            int refused = 0;
            String caught = "";
            for (int i = 0; i < REFUSED; i++) {
                try {
                    String url = "http://127.0.0.1:" + closedPort + "/";
                    client.execute(SimpleRequestBuilder.get(url).build(), null).get();
                } catch (ExecutionException expected) {
                    refused++;
                    caught = expected.getCause().getClass().getName();
                }
            }
            int callbacks;
            synchronized (called) {
                callbacks = called[0];
            }
            System.out.println("server-port " + server.port() + " closed-port " + closedPort);
            System.out.println("ok " + ok + " redirected " + redirected + " not-found " + notFound
                    + " failed " + failed + " posted " + posted + " callbacks " + callbacks
                    + " refused " + refused + " " + caught);
        }
    }

    /** {@code times} GETs of {@code url}, each waited for; how many were answered {@code status}. */
    private static int count(CloseableHttpAsyncClient client, String url, int times, int status) throws Exception {
        int seen = 0;
        for (int i = 0; i < times; i++) {
            seen += client.execute(SimpleRequestBuilder.get(url).build(), null).get().getCode() == status ? 1 : 0;
        }
        return seen;
    }
}
