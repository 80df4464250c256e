package io.remora.bootstrap.http;

import io.remora.bootstrap.Nesting;
import io.remora.bootstrap.label.ServerPorts;

/**
 * What the advice in HTTP client libraries calls (Apache HttpClient 4.5 and 5.x, OkHttp): the
 * advice reads method, host, port, scheme and status from the library's own types and hands them
 * over as plain values, since this loader cannot see those types. Recorded into the same
 * {@code http_client_request_duration_seconds} as the JDK's clients ({@link HttpClientHooks}).
 *
 * <p>Apache HttpClient's calls are measured once per outermost call on the thread: a
 * {@code CloseableHttpClient} that decorates another (a subclass whose {@code doExecute} calls the
 * wrapped client's {@code execute}) has both classes woven, and only the outer call counts.
 */
public final class LibraryClientHooks {

    private static final Nesting NESTING = new Nesting();

    private LibraryClientHooks() {
    }

    /**
     * @return the start time when this call is the outermost measured one on the thread, else 0;
     *     every call must be paired with {@link #exit}
     */
    public static long enter() {
        if (!NESTING.enter()) {
            return 0L;
        }
        long now = System.nanoTime();
        return now == 0L ? 1L : now;
    }

    /**
     * Pairs every {@link #enter}, first thing in the exit advice, before anything that could throw.
     * @return true when the call is to be recorded
     */
    public static boolean exit(long startNanos) {
        NESTING.exit();
        return startNanos != 0L;
    }

    /**
     * One request, ended now.
     *
     * @param port the port the request names, below 0 when it names none (the scheme's default then)
     * @param scheme {@code http} or {@code https}, for the default port; may be null (then 80)
     * @param status the response status, below 1 when no response arrived
     * @param thrown why the request failed, or null
     */
    public static void record(long startNanos, String method, String host, int port, String scheme, int status,
            Throwable thrown) {
        HttpClientHooks.record(startNanos, method, host, ServerPorts.of(port, scheme), status, thrown);
    }
}
