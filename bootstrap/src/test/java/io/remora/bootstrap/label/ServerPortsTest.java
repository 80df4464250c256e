package io.remora.bootstrap.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class ServerPortsTest {

    @Test
    void aUrlWithoutPortHasItsSchemesDefault() {
        assertEquals("80", ServerPorts.of(-1, "http"));
        assertEquals("443", ServerPorts.of(-1, "https"));
        assertEquals("443", ServerPorts.of(-1, "HTTPS"));
        assertEquals("80", ServerPorts.of(-1, null));
    }

    @Test
    void explicitPortsAreTheirNumberAndRepeatedOnesTheSameInstance() {
        assertEquals("8080", ServerPorts.of(8080, "http"));
        assertSame(ServerPorts.of(8080, "http"), ServerPorts.of(8080, "https"));
        assertSame(ServerPorts.HTTP_DEFAULT, ServerPorts.of(80, "https"));
        assertSame(ServerPorts.HTTPS_DEFAULT, ServerPorts.of(443, "http"));
    }

    @Test
    void portsSharingACacheSlotStillGetTheirOwnText() {
        assertEquals("8080", ServerPorts.of(8080, "http"));
        assertEquals(String.valueOf(8080 + 256), ServerPorts.of(8080 + 256, "http"));
        assertEquals("8080", ServerPorts.of(8080, "http"));
    }
}
