package io.remora.it.instrument.app;

import java.io.IOException;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.client.methods.HttpPut;
import org.apache.http.conn.ClientConnectionManager;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.DefaultHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.params.HttpParams;
import org.apache.http.protocol.HttpContext;
import org.apache.http.util.EntityUtils;

/**
 * Apache HttpClient 4.5 against a loopback JDK HttpServer, an exact number of times, through the
 * client's different entry points: {@value #GETS} GETs answered 200 with a response handler and
 * one more that the server redirects there (followed by the client: one request),
 * {@value #NOT_FOUND} GETs answered 404 as a closeable response, {@value #POSTS} POSTs to an
 * explicit target host, {@value #PUTS} PUTs through the deprecated {@code DefaultHttpClient},
 * {@value #FAILED} GETs answered 500 through an application's decorator client that wraps the
 * default one, and {@value #REFUSED} GETs to a closed port. Prints the two ports, then what it saw
 * (the refused calls' exception class as caught).
 */
public final class ApacheHttpClient4App {

    public static final int GETS = 5;
    public static final int NOT_FOUND = 3;
    public static final int POSTS = 4;
    public static final int PUTS = 2;
    public static final int FAILED = 2;
    public static final int REFUSED = 2;

    private ApacheHttpClient4App() {
    }

    @SuppressWarnings("deprecation")
    public static void main(String[] args) throws Exception {
        try (LoopbackServer server = new LoopbackServer();
                CloseableHttpClient client = HttpClients.createDefault();
                CloseableHttpClient old = new DefaultHttpClient();
                CloseableHttpClient decorated = new Decorator(HttpClients.createDefault())) {
            int closedPort = JavaNetHttpClientApp.closedPort();
            Gate.await(args[0]);
            String base = server.base();
            int ok = 0;
            for (int i = 0; i < GETS; i++) {
                ok += client.execute(new HttpGet(base + "/ok"), response -> {
                    EntityUtils.consume(response.getEntity());
                    return response.getStatusLine().getStatusCode();
                }) == 200 ? 1 : 0;
            }
            // followed by the client: one request, answered 200
            int redirected = client.execute(new HttpGet(base + "/redirect"), response -> {
                EntityUtils.consume(response.getEntity());
                return response.getStatusLine().getStatusCode();
            }) == 200 ? 1 : 0;
            int notFound = 0;
            for (int i = 0; i < NOT_FOUND; i++) {
                try (CloseableHttpResponse response = client.execute(new HttpGet(base + "/missing"))) {
                    EntityUtils.consume(response.getEntity());
                    notFound += response.getStatusLine().getStatusCode() == 404 ? 1 : 0;
                }
            }
            int posted = 0;
            HttpHost target = new HttpHost("127.0.0.1", server.port(), "http");
            for (int i = 0; i < POSTS; i++) {
                HttpPost post = new HttpPost("/ok");
                post.setEntity(new StringEntity("{\"n\":" + i + "}", ContentType.APPLICATION_JSON));
                posted += client.execute(target, post, response -> {
                    EntityUtils.consume(response.getEntity());
                    return response.getStatusLine().getStatusCode();
                }) == 200 ? 1 : 0;
            }
            int put = 0;
            for (int i = 0; i < PUTS; i++) {
                HttpPut request = new HttpPut(base + "/ok");
                request.setEntity(new StringEntity("{}", ContentType.APPLICATION_JSON));
                put += old.execute(request, response -> {
                    EntityUtils.consume(response.getEntity());
                    return response.getStatusLine().getStatusCode();
                }) == 200 ? 1 : 0;
            }
            int failed = 0;
            for (int i = 0; i < FAILED; i++) {
                failed += decorated.execute(new HttpGet(base + "/fail"), response -> {
                    EntityUtils.consume(response.getEntity());
                    return response.getStatusLine().getStatusCode();
                }) == 500 ? 1 : 0;
            }
            int refused = 0;
            String caught = "";
            for (int i = 0; i < REFUSED; i++) {
                try {
                    client.execute(new HttpGet("http://127.0.0.1:" + closedPort + "/"), response -> 0);
                } catch (IOException expected) {
                    refused++;
                    caught = expected.getClass().getName();
                }
            }
            System.out.println("server-port " + server.port() + " closed-port " + closedPort);
            System.out.println("ok " + ok + " redirected " + redirected + " not-found " + notFound
                    + " posted " + posted + " put " + put
                    + " failed " + failed + " refused " + refused + " " + caught);
        }
    }

    /** An application's own client that adds a header and hands the request to the client it wraps. */
    @SuppressWarnings("deprecation")
    static final class Decorator extends CloseableHttpClient {
        private final CloseableHttpClient wrapped;

        Decorator(CloseableHttpClient wrapped) {
            this.wrapped = wrapped;
        }

        @Override
        protected CloseableHttpResponse doExecute(HttpHost target, HttpRequest request, HttpContext context)
                throws IOException {
            request.addHeader("X-Decorated", "yes");
            return wrapped.execute(target, request, context);
        }

        @Override
        public HttpParams getParams() {
            return wrapped.getParams();
        }

        @Override
        public ClientConnectionManager getConnectionManager() {
            return wrapped.getConnectionManager();
        }

        @Override
        public void close() throws IOException {
            wrapped.close();
        }
    }
}
