package io.remora.bootstrap.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HttpServerHooksTest {

    @Test
    void anExceptionBeforeTheResponseIsCommittedIsAContainers500() {
        assertEquals(500, HttpServerHooks.statusSent(200, false, new IllegalStateException()));
    }

    @Test
    void aCommittedResponseOrNoExceptionKeepsItsStatus() {
        assertEquals(200, HttpServerHooks.statusSent(200, true, new IllegalStateException()));
        assertEquals(404, HttpServerHooks.statusSent(404, false, null));
    }
}
