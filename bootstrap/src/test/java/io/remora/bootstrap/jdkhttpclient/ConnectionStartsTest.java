package io.remora.bootstrap.jdkhttpclient;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ConnectionStartsTest {

    private final ConnectionStarts starts = new ConnectionStarts(64);

    @Test
    void aKeptStartIsTakenOnce() {
        Object connection = new Object();
        assertEquals(ConnectionStarts.ABSENT, starts.take(connection));
        starts.putIfAbsent(connection, 42L);
        assertEquals(42L, starts.take(connection));
        assertEquals(ConnectionStarts.ABSENT, starts.take(connection));
    }

    @Test
    void theFirstStartWins() {
        Object connection = new Object();
        starts.putIfAbsent(connection, 1L);
        starts.putIfAbsent(connection, 2L);
        assertEquals(1L, starts.take(connection));
    }

    @Test
    void anOverRequestStaysOverAndKeepsNoNewStart() {
        Object connection = new Object();
        starts.putIfAbsent(connection, 7L);
        starts.markOver(connection);
        starts.putIfAbsent(connection, 8L);
        assertEquals(ConnectionStarts.OVER, starts.take(connection));
        assertEquals(ConnectionStarts.OVER, starts.take(connection));
    }

    @Test
    void connectionsAreKeptApart() {
        Object[] connections = new Object[20];
        for (int i = 0; i < connections.length; i++) {
            connections[i] = new Object();
            starts.putIfAbsent(connections[i], 100L + i);
        }
        for (int i = connections.length - 1; i >= 0; i--) {
            assertEquals(100L + i, starts.take(connections[i]));
        }
    }

    @Test
    void whenEveryProbedSlotIsTakenNothingIsKept() {
        ConnectionStarts full = new ConnectionStarts(8); // every connection probes all eight slots
        Object[] connections = new Object[8];
        for (int i = 0; i < connections.length; i++) {
            connections[i] = new Object();
            full.putIfAbsent(connections[i], 1L + i);
        }
        Object late = new Object();
        full.putIfAbsent(late, 99L);
        assertEquals(ConnectionStarts.ABSENT, full.take(late));
        assertEquals(1L, full.take(connections[0]));
        full.putIfAbsent(late, 99L);
        assertEquals(99L, full.take(late));
    }
}
