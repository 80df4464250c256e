package io.remora.bootstrap.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** Each test talks to its own host, so the shared family's counts do not mix. */
class LibraryClientHooksTest {

    @Test
    void onlyTheOutermostCallOfAThreadIsMeasured() {
        long outer = LibraryClientHooks.enter();
        long inner = LibraryClientHooks.enter();
        assertNotEquals(0L, outer);
        assertEquals(0L, inner);
        assertFalse(LibraryClientHooks.exit(inner));
        assertTrue(LibraryClientHooks.exit(outer));
        long next = LibraryClientHooks.enter();
        assertNotEquals(0L, next, "the depth is back to 0 once the outer call ended");
        assertTrue(LibraryClientHooks.exit(next));
    }

    @Test
    void aRequestIsRecordedWithTheSchemesDefaultPortWhenItNamesNone() {
        LibraryClientHooks.record(System.nanoTime(), "GET", "library.test", -1, "https", 200, null);
        LibraryClientHooks.record(System.nanoTime(), "PATCH", "library.test", 8443, "https", 500, null);
        LibraryClientHooks.record(System.nanoTime(), "BREW", "library.test", -1, null, 0, new ConnectException());
        assertEquals(1, ClientDurations.count("GET", "200", "library.test", "443", ""));
        assertEquals(1, ClientDurations.count("PATCH", "500", "library.test", "8443", "500"));
        assertEquals(1, ClientDurations.count("_OTHER", "", "library.test", "80", "java.net.ConnectException"));
    }
}
