package io.remora.bootstrap.jdkhttpclient;

import io.remora.bootstrap.http.ClientDurations;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.bootstrap.AllocatedBytes;
import io.remora.bootstrap.meter.HistogramSnapshot;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Drives the hooks as the advice does; each test talks to its own host. */
class UrlConnectionHooksTest {

    @Test
    void onlyTheOutermostCallIsMeasured() {
        long outer = UrlConnectionHooks.enter(false);
        long inner = UrlConnectionHooks.enter(false);
        assertEquals(0L, inner);
        assertFalse(UrlConnectionHooks.exit(inner));
        assertTrue(UrlConnectionHooks.exit(outer));
        long next = UrlConnectionHooks.enter(false);
        assertTrue(UrlConnectionHooks.exit(next), "the depth went back to zero");
    }

    @Test
    void aConnectionThatHasItsResponseIsNotMeasuredAgain() {
        long start = UrlConnectionHooks.enter(true);
        assertEquals(0L, start);
        assertFalse(UrlConnectionHooks.exit(start));
    }

    @Test
    void theAgentsOwnThreadsAreNotMeasured() throws InterruptedException {
        AtomicLong start = new AtomicLong(-1);
        Thread sender = new Thread(() -> {
            long s = UrlConnectionHooks.enter(false);
            UrlConnectionHooks.exit(s);
            start.set(s);
        }, "remora-sender-127.0.0.1:9090");
        sender.start();
        sender.join();
        assertEquals(0L, start.get());
    }

    @Test
    void aRequestOpenedEarlierIsMeasuredFromItsOpening() throws IOException {
        Connection post = new Connection("http://opened.test:8080/items", "POST");
        long opened = System.nanoTime() - TimeUnit.SECONDS.toNanos(20);
        UrlConnectionHooks.after(post, opened, false, -1, null);
        UrlConnectionHooks.after(post, System.nanoTime(), true, 201, null);

        HistogramSnapshot snapshot = ClientDurations.snapshot("POST", "201", "opened.test", "8080", "");
        assertEquals(1, snapshot.count());
        assertTrue(snapshot.sumSeconds() >= 20, "measured from the opening: " + snapshot.sumSeconds() + " s");
    }

    @Test
    void aStatusFromTheErrorRangeIsTheErrorTypeNotTheJdksException() throws IOException {
        Connection get = new Connection("http://status.test/missing", "GET");
        UrlConnectionHooks.after(get, System.nanoTime(), true, 404, new FileNotFoundException("http://status.test/missing"));
        assertEquals(1, ClientDurations.count("GET", "404", "status.test", "80", "404"));
    }

    @Test
    void aFailedOpeningIsCountedOnceAndItsLaterCallsNotAtAll() throws IOException {
        Connection post = new Connection("https://refused.test/", "POST");
        UrlConnectionHooks.after(post, System.nanoTime(), false, -1, new ConnectException("refused"));
        UrlConnectionHooks.after(post, System.nanoTime(), false, -1, new ConnectException("refused again"));
        UrlConnectionHooks.after(post, System.nanoTime(), false, -1, new ConnectException("and again"));
        assertEquals(1, ClientDurations.count("POST", "", "refused.test", "443", "java.net.ConnectException"));
    }

    @Test
    void aRequestAnsweredInOneCallAllocatesNothingOnceItsLabelSetExistsErrorStatusesIncluded() throws IOException {
        Connection found = new Connection("http://quiet.test:8080/", "GET");
        Connection missing = new Connection("http://quiet.test:8080/missing", "GET");
        IOException notFound = new FileNotFoundException("http://quiet.test:8080/missing");
        AtomicLong answered = new AtomicLong();
        AllocatedBytes.assertAllocatesNothing("100000 requests", () -> {
            for (int i = 0; i < 100_000; i++) {
                boolean odd = (i & 1) == 1;
                long start = UrlConnectionHooks.enter(false);
                if (UrlConnectionHooks.exit(start)) {
                    UrlConnectionHooks.after(odd ? missing : found, start, true, odd ? 404 : 200, odd ? notFound : null);
                }
            }
            answered.addAndGet(100_000);
        });
        assertEquals(answered.get() / 2, ClientDurations.count("GET", "200", "quiet.test", "8080", ""));
        assertEquals(answered.get() / 2, ClientDurations.count("GET", "404", "quiet.test", "8080", "404"));
    }

    /** What the hooks read of a connection: its URL and method. */
    private static final class Connection extends HttpURLConnection {
        Connection(String url, String method) throws IOException {
            super(new URL(url));
            setRequestMethod(method);
        }

        @Override
        public void connect() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void disconnect() {
        }

        @Override
        public boolean usingProxy() {
            return false;
        }
    }
}
