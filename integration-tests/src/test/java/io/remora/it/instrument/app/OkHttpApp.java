package io.remora.it.instrument.app;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * OkHttp 4 against a loopback JDK HttpServer, an exact number of times: {@value #GETS} GETs
 * answered 200, {@value #NOT_FOUND} GETs answered 404 and {@value #FAILED} GETs answered 500 with
 * {@code execute()}, {@value #POSTS} POSTs with {@code enqueue} (more than the dispatcher runs at
 * once for one host, so some wait in its queue), one GET that the server redirects to another path
 * (one call, two exchanges), and {@value #REFUSED} GETs to a closed port. Prints the two ports,
 * then what it saw (the refused calls' exception class as caught).
 */
public final class OkHttpApp {

    public static final int GETS = 5;
    public static final int NOT_FOUND = 3;
    public static final int FAILED = 2;
    public static final int POSTS = 7;
    public static final int REFUSED = 2;

    private static final MediaType JSON = MediaType.get("application/json");

    private OkHttpApp() {
    }

    public static void main(String[] args) throws Exception {
        try (LoopbackServer server = new LoopbackServer()) {
            int closedPort = JavaNetHttpClientApp.closedPort();
            OkHttpClient client = new OkHttpClient();
            Gate.await(args[0]);
            String base = server.base();
            int ok = count(client, base + "/ok", GETS, 200);
            int redirected = count(client, base + "/redirect", 1, 200);
            int notFound = count(client, base + "/missing", NOT_FOUND, 404);
            int failed = count(client, base + "/fail", FAILED, 500);

            CountDownLatch done = new CountDownLatch(POSTS);
            AtomicInteger posted = new AtomicInteger();
            for (int i = 0; i < POSTS; i++) {
                Request post = new Request.Builder().url(base + "/ok")
                        .post(RequestBody.create("{\"n\":" + i + "}", JSON)).build();
                client.newCall(post).enqueue(new Callback() {
                    @Override
                    public void onResponse(Call call, Response response) {
                        try (response) {
                            posted.addAndGet(response.code() == 200 ? 1 : 0);
                        } finally {
                            done.countDown();
                        }
                    }

                    @Override
                    public void onFailure(Call call, IOException e) {
                        done.countDown();
                    }
                });
            }
            boolean allDone = done.await(30, TimeUnit.SECONDS);

            int refused = 0;
            String caught = "";
            for (int i = 0; i < REFUSED; i++) {
                try (Response response = client.newCall(new Request.Builder()
                        .url("http://127.0.0.1:" + closedPort + "/").build()).execute()) {
                    response.body().string();
                } catch (IOException expected) {
                    refused++;
                    caught = expected.getClass().getName();
                }
            }
            // the dispatcher's threads are not daemons: let the JVM exit now rather than a minute later
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
            System.out.println("server-port " + server.port() + " closed-port " + closedPort);
            System.out.println("ok " + ok + " redirected " + redirected + " not-found " + notFound
                    + " failed " + failed + " posted " + posted
                    + (allDone ? "" : " (not all done)") + " refused " + refused + " " + caught);
        }
    }

    /** {@code times} synchronous GETs of {@code url}; how many were answered {@code status}. */
    private static int count(OkHttpClient client, String url, int times, int status) throws IOException {
        int seen = 0;
        for (int i = 0; i < times; i++) {
            try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
                response.body().string();
                seen += response.code() == status ? 1 : 0;
            }
        }
        return seen;
    }
}
