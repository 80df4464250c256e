package io.remora.exporter.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpResponseTest {

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static HttpResponse read(String text) throws IOException {
        return HttpResponse.read(stream(text), 8, false);
    }

    @Test
    void noContentIsReusableAndLeavesTheNextAnswerUnread() throws IOException {
        InputStream in = stream("HTTP/1.1 204 No Content\r\nDate: x\r\n\r\nHTTP/1.1 500 Oops\r\n\r\n");
        HttpResponse response = HttpResponse.read(in, 8, false);

        assertEquals(204, response.status());
        assertTrue(response.reusable());
        assertEquals("", response.bodyStart());
        assertEquals('H', in.read(), "the next answer starts right after this one");
    }

    @Test
    void contentLengthBodyIsKeptInPartAndReadToItsEnd() throws IOException {
        InputStream in = stream("HTTP/1.1 400 Bad Request\r\nContent-Length: 20\r\n\r\nout of order sample!next");
        HttpResponse response = HttpResponse.read(in, 8, false);

        assertEquals(400, response.status());
        assertEquals("out of o", response.bodyStart());
        assertTrue(response.reusable());
        assertEquals('n', in.read());
    }

    @Test
    void chunkedBodyWithExtensionsAndTrailersIsDecoded() throws IOException {
        InputStream in = stream("HTTP/1.1 429 Too Many\r\nTransfer-Encoding: chunked\r\nRetry-After: 3\r\n\r\n"
                + "5;ext=1\r\nslow \r\n3\r\ndow\r\n0\r\nTrailer: t\r\n\r\nX");
        HttpResponse response = HttpResponse.read(in, 8, false);

        assertEquals(429, response.status());
        assertEquals("3", response.retryAfter());
        assertEquals("slow dow", response.bodyStart());
        assertTrue(response.reusable());
        assertEquals('X', in.read());
    }

    @Test
    void interimAnswersAreSkipped() throws IOException {
        HttpResponse response = read("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");

        assertEquals(200, response.status());
        assertNull(response.retryAfter());
    }

    @Test
    void aBodyWithoutFramingIsReadToTheEndAndTheConnectionNotReused() throws IOException {
        HttpResponse response = read("HTTP/1.1 503 Unavailable\r\n\r\ndown for now");

        assertEquals(503, response.status());
        assertEquals("down for", response.bodyStart());
        assertFalse(response.reusable());
    }

    @Test
    void connectionCloseAndHttp10AreNotReused() throws IOException {
        assertFalse(read("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n").reusable());
        assertFalse(read("HTTP/1.0 204 No Content\r\n\r\n").reusable());
    }

    @Test
    void aBodyCutShortStillGivesTheStatus() throws IOException {
        HttpResponse response = read("HTTP/1.1 500 Oops\r\nContent-Length: 100\r\n\r\nshort");

        assertEquals(500, response.status());
        assertEquals("short", response.bodyStart());
        assertFalse(response.reusable());
    }

    @Test
    void theAnswerToConnectHasNoBody() throws IOException {
        InputStream in = stream("HTTP/1.1 200 Connection established\r\nContent-Length: 10\r\n\r\nTLS");
        assertEquals(200, HttpResponse.read(in, 0, true).status());
        assertEquals('T', in.read(), "what follows belongs to the tunnel");
    }

    @Test
    void garbageIsAnErrorNamingWhatCame() {
        IOException noStatus = assertThrows(IOException.class, () -> read("SSH-2.0-OpenSSH_9.2\r\n"));
        assertEquals("not an HTTP/1.x status line: \"SSH-2.0-OpenSSH_9.2\"", noStatus.getMessage());
        IOException nothing = assertThrows(IOException.class, () -> read(""));
        assertEquals("the receiver closed the connection without an answer", nothing.getMessage());
        IOException lengths = assertThrows(IOException.class,
                () -> read("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"));
        assertEquals("two different Content-Length headers", lengths.getMessage());
        IOException endless = assertThrows(IOException.class,
                () -> read("HTTP/1.1 200 OK\r\nX: " + "y".repeat(HttpResponse.MAX_HEAD_BYTES) + "\r\n\r\n"));
        assertEquals("the answer's head is longer than 65536 bytes", endless.getMessage());
    }
}
