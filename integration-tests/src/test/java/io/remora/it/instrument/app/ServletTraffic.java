package io.remora.it.instrument.app;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What every servlet application of these tests is sent, and what its servlets answer: the same
 * for javax and jakarta, Tomcat, Jetty and Undertow. Exact counts:
 * {@value #ITEMS} GET {@code /api/items/<n>} (200), {@value #MISSING} POST {@code /api/items/missing}
 * (404), {@value #FORWARDED} GET {@code /old/items} forwarded to {@code /api/items/1} (200),
 * {@value #FAILED} GET {@code /fail} whose servlet throws (500), {@value #WRAPPED} GET
 * {@code /fail-wrapped} whose servlet throws an IllegalStateException inside a ServletException, as
 * Spring MVC does (500), {@value #ASYNC} GET
 * {@code /async/job} answered {@value #ASYNC_STATUS} from another thread {@value #ASYNC_DELAY_MS} ms
 * later, {@value #FRAMEWORK} GET {@code /mvc/items/<n>} whose servlet sets the framework pattern
 * {@value #FRAMEWORK_PATTERN} as Spring MVC does, {@value #REDISPATCHED} GET {@code /redispatch/job}
 * whose servlet starts async, dispatches to itself from another thread, starts async again and
 * completes from another thread (200), {@value #TIMED_OUT} GET {@code /slow/job} whose async request
 * times out after {@value #ASYNC_TIMEOUT_MS} ms (the container answers 500), {@value #ASYNC_FAILED} GET
 * {@code /async-fail/job} whose async dispatch throws (500). Prints how many
 * answers had the expected status.
 */
public final class ServletTraffic {

    public static final int ITEMS = 5;
    public static final int MISSING = 3;
    public static final int FORWARDED = 2;
    public static final int FAILED = 2;
    public static final int WRAPPED = 2;
    public static final int ASYNC = 3;
    public static final int FRAMEWORK = 2;
    public static final int REDISPATCHED = 2;
    public static final int TIMED_OUT = 1;
    public static final int ASYNC_FAILED = 1;

    /** Sessions Tomcat's application opens: one at each GET of an item ({@link SessionPerItem}). */
    public static final int SESSIONS = ITEMS;

    /** The request pool's max threads, as Tomcat's and Jetty's applications configure it. */
    public static final int MAX_THREADS = 37;

    /**
     * The agent's interval in these runs, and how long the server keeps serving after the traffic
     * ({@link #HOLD_MS}): a few rounds see the container's pool at work, not only stopped.
     */
    public static final long POOL_READ_INTERVAL_MS = 200;
    public static final long HOLD_MS = 3 * POOL_READ_INTERVAL_MS;

    public static final int ASYNC_STATUS = 202;
    public static final long ASYNC_DELAY_MS = 50;
    public static final long ASYNC_TIMEOUT_MS = 100;
    public static final String FRAMEWORK_ATTRIBUTE = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";
    public static final String FRAMEWORK_PATTERN = "/items/{id}";
    /** Where the forwarding servlet sends its requests. */
    public static final String FORWARD_TARGET = "/api/items/1";

    /** The line an application prints when every answer was as expected. */
    public static final String ALL_ANSWERED = "items " + ITEMS + " missing " + MISSING + " forwarded " + FORWARDED
            + " failed " + FAILED + " wrapped " + WRAPPED + " async " + ASYNC + " framework " + FRAMEWORK
            + " redispatched " + REDISPATCHED + " timed-out " + TIMED_OUT + " async-failed " + ASYNC_FAILED;

    private ServletTraffic() {
    }

    /** Runs {@code task} on another thread {@value #ASYNC_DELAY_MS} ms from now. */
    public static void later(Runnable task) {
        CompletableFuture.delayedExecutor(ASYNC_DELAY_MS, TimeUnit.MILLISECONDS).execute(task);
    }

    public static void send(int port) throws IOException, InterruptedException {
        int items = 0;
        for (int i = 0; i < ITEMS; i++) {
            items += expect(200, port, "GET", "/api/items/" + i);
        }
        int missing = times(MISSING, 404, port, "POST", "/api/items/missing");
        int forwarded = times(FORWARDED, 200, port, "GET", "/old/items");
        int failed = times(FAILED, 500, port, "GET", "/fail");
        int wrapped = times(WRAPPED, 500, port, "GET", "/fail-wrapped");
        int async = times(ASYNC, ASYNC_STATUS, port, "GET", "/async/job");
        int framework = times(FRAMEWORK, 200, port, "GET", "/mvc/items/7");
        int redispatched = times(REDISPATCHED, 200, port, "GET", "/redispatch/job");
        int timedOut = times(TIMED_OUT, 500, port, "GET", "/slow/job");
        int asyncFailed = times(ASYNC_FAILED, 500, port, "GET", "/async-fail/job");
        System.out.println("items " + items + " missing " + missing + " forwarded " + forwarded + " failed " + failed
                + " wrapped " + wrapped + " async " + async + " framework " + framework + " redispatched " + redispatched
                + " timed-out " + timedOut + " async-failed " + asyncFailed);
        Thread.sleep(HOLD_MS);
    }

    private static int times(int times, int status, int port, String method, String path) throws IOException {
        int answered = 0;
        for (int i = 0; i < times; i++) {
            answered += expect(status, port, method, path);
        }
        return answered;
    }

    /** 1 when the answer had {@code status}, else 0. */
    private static int expect(int status, int port, String method, String path) throws IOException {
        return HttpCalls.status(port, method, path) == status ? 1 : 0;
    }
}
