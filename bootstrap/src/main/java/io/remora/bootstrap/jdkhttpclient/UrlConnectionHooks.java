package io.remora.bootstrap.jdkhttpclient;

import io.remora.bootstrap.http.HttpClientHooks;
import io.remora.bootstrap.AgentThreads;
import io.remora.bootstrap.Nesting;
import io.remora.bootstrap.label.ServerPorts;
import java.net.HttpURLConnection;
import java.net.URL;

/**
 * What {@code HttpURLConnection} advice calls (the JDK's {@code sun.net.www.protocol.http}
 * implementation, also behind {@code HttpsURLConnection}). A request is one observation, from the
 * first of {@code connect}, {@code getOutputStream} and {@code getInputStream} (which
 * {@code getResponseCode} and the header getters call) until its status is known or a call fails
 * without one. Calls after that (a second getResponseCode, getInputStream again, which rethrows
 * the remembered failure) are not counted. The JDK's own retry of a GET that the server closed
 * without an answer, and redirects it follows, happen inside one getInputStream: one observation,
 * with the final status and URL. The agent's own requests (its remote-write POSTs) are skipped by
 * their thread, see {@link AgentThreads}.
 */
public final class UrlConnectionHooks {

    /** Connections opened before their response call, at once: in-flight POSTs, mostly. */
    private static final int STARTS_CAPACITY = 4096;

    private static final Nesting NESTING = new Nesting();
    private static final ConnectionStarts STARTS = new ConnectionStarts(STARTS_CAPACITY);

    private UrlConnectionHooks() {
    }

    /**
     * @param over the connection already has its response or its failure (getInputStream ran)
     * @return the start time when this call is the outermost and is to be measured, else 0
     */
    public static long enter(boolean over) {
        if (!NESTING.enter() || over || AgentThreads.isCurrent()) {
            return 0L;
        }
        return System.nanoTime();
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
     * After an outermost call: one that returned without a response ({@code connect},
     * {@code getOutputStream}) leaves the request under way and its start is kept; a response or a
     * failure ends it, and it is recorded once: later calls on that connection are not.
     *
     * @param hasResponse the connection holds its response stream (its {@code inputStream} field)
     * @param responseCode the connection's {@code responseCode} field, -1 when no status arrived
     * @param thrown what the call threw, or null
     */
    public static void after(HttpURLConnection connection, long startNanos, boolean hasResponse, int responseCode,
            Throwable thrown) {
        if (thrown == null && !hasResponse) {
            STARTS.putIfAbsent(connection, startNanos);
        } else if (record(connection, startNanos, responseCode, thrown) && !hasResponse) {
            STARTS.markOver(connection);
        }
    }

    /** @return false when the request had been recorded already */
    private static boolean record(HttpURLConnection connection, long startNanos, int responseCode, Throwable thrown) {
        long opened = STARTS.take(connection);
        if (opened == ConnectionStarts.OVER) {
            return false;
        }
        URL url = connection.getURL();
        // once a status arrived it decides error_type: the JDK reports a 4xx or 5xx by throwing
        // FileNotFoundException or IOException from getInputStream
        HttpClientHooks.record(opened == ConnectionStarts.ABSENT ? startNanos : opened, connection.getRequestMethod(),
                url.getHost(), ServerPorts.of(url.getPort(), url.getProtocol()), responseCode,
                responseCode > 0 ? null : thrown);
        return true;
    }
}
