package io.remora.exporter.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.remora.exporter.testing.MisbehavingReceiver;
import io.remora.exporter.testing.MisbehavingReceiver.Mode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Whatever the receiver does, an exchange ends at its deadline, and close() ends one at once. The
 * bounds checked are many times the expected time: they tell an exchange that ends from one that
 * hangs (before the deadline existed, a dripping receiver held a send for ever). A receiver that
 * sent its status and stalled in the body has answered: its status counts.
 */
class ExchangeDeadlineTest {

    /** Large enough that a receiver that never reads blocks the write, not only the read. */
    private static final byte[] BODY = new byte[8 << 20];
    /** Ample for a client to parse a 40-byte head already on its socket. */
    private static final long HEAD_READ_MS = 200;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anExchangeEndsAtItsDeadline(Mode mode) throws Exception {
        try (MisbehavingReceiver receiver = MisbehavingReceiver.start(mode);
                RemoteWriteClient client = client(receiver, Duration.ofMillis(500))) {
            CompletableFuture<SendOutcome> sent = CompletableFuture.supplyAsync(() -> sendQuietly(client));

            SendOutcome outcome = sent.get(10, TimeUnit.SECONDS);
            if (mode == Mode.STALLS_AFTER_HEADERS) {
                assertEquals(SendOutcome.Kind.SUCCESS, outcome.kind(), "the status arrived; only the body stalled");
            } else {
                assertEquals(SendOutcome.Kind.RETRYABLE, outcome.kind(), outcome.detail());
                assertEquals("no complete response within 500 ms", outcome.detail());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void closeEndsAnExchangeInFlightAtOnce(Mode mode) throws Exception {
        try (MisbehavingReceiver receiver = MisbehavingReceiver.start(mode)) {
            RemoteWriteClient client = client(receiver, Duration.ofMinutes(5));
            CompletableFuture<SendOutcome> sent = CompletableFuture.supplyAsync(() -> sendQuietly(client));
            assertTrue(receiver.awaitStuck(10, TimeUnit.SECONDS), "the exchange never got to the receiver");
            if (mode == Mode.STALLS_AFTER_HEADERS) {
                Thread.sleep(HEAD_READ_MS); // the client's read of the head it was sent: nothing marks it
            }
            client.close();

            if (mode == Mode.STALLS_AFTER_HEADERS) {
                assertEquals(SendOutcome.Kind.SUCCESS, sent.get(10, TimeUnit.SECONDS).kind(), "its status had arrived");
            } else {
                ExecutionException stopped = assertThrows(ExecutionException.class, () -> sent.get(10, TimeUnit.SECONDS));
                assertTrue(stopped.getCause().getCause() instanceof InterruptedException, stopped.toString());
            }
        }
    }

    private static RemoteWriteClient client(MisbehavingReceiver receiver, Duration timeout) {
        return new RemoteWriteClient(EndpointConfig.builder(receiver.url()).timeout(timeout).build());
    }

    private static SendOutcome sendQuietly(RemoteWriteClient client) {
        try {
            return client.send(BODY);
        } catch (InterruptedException e) {
            throw new IllegalStateException("closed", e);
        }
    }
}
