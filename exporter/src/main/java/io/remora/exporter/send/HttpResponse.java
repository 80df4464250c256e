package io.remora.exporter.send;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 response, read off the connection to its end: the status, the few headers the
 * sender uses, and the start of the body (the rest is read away, so the connection can carry the
 * next request). Interim 1xx responses are skipped. A response that cannot be framed is an
 * {@link IOException}: the connection is then closed, never reused.
 */
final class HttpResponse {

    /** A status line and headers longer than this are not a remote-write receiver's answer. */
    static final int MAX_HEAD_BYTES = 64 * 1024;

    private final int status;
    private final String retryAfter;
    private final String bodyStart;
    private final boolean reusable;

    private HttpResponse(int status, String retryAfter, String bodyStart, boolean reusable) {
        this.status = status;
        this.retryAfter = retryAfter;
        this.bodyStart = bodyStart;
        this.reusable = reusable;
    }

    int status() {
        return status;
    }

    /** The {@code Retry-After} header, or null. */
    String retryAfter() {
        return retryAfter;
    }

    /** The first {@code keepBodyBytes} of the body, as UTF-8. */
    String bodyStart() {
        return bodyStart;
    }

    /** True when the body was framed and read to its end, and neither side asked to close. */
    boolean reusable() {
        return reusable;
    }

    /**
     * Reads the response to a request; {@code bodyless} for the answer to CONNECT, whose 2xx has
     * no body whatever its headers say.
     */
    static HttpResponse read(InputStream in, int keepBodyBytes, boolean bodyless) throws IOException {
        while (true) {
            Head head = Head.read(in);
            if (head.status >= 100 && head.status < 200) {
                continue; // 100 Continue and the like: the real answer follows
            }
            BodyReader body = new BodyReader(in, keepBodyBytes);
            boolean framed;
            try {
                framed = body.readAway(head, bodyless);
            } catch (IOException e) {
                framed = false; // the status already tells what we need; only the connection is lost
            }
            return new HttpResponse(head.status, head.retryAfter, body.kept(), framed && head.keepAlive);
        }
    }

    /** The status line and headers. */
    private static final class Head {
        int status;
        String retryAfter;
        boolean chunked;
        long contentLength = -1;
        boolean keepAlive;

        static Head read(InputStream in) throws IOException {
            LineReader lines = new LineReader(in, MAX_HEAD_BYTES);
            String statusLine = lines.next();
            Head head = new Head();
            if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
                throw new IOException("not an HTTP/1.x status line: " + quote(statusLine));
            }
            try {
                head.status = Integer.parseInt(statusLine.substring(9, 12));
            } catch (NumberFormatException e) {
                throw new IOException("no status code in " + quote(statusLine));
            }
            head.keepAlive = statusLine.startsWith("HTTP/1.1");
            for (String line = lines.next(); !line.isEmpty(); line = lines.next()) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new IOException("malformed header line " + quote(line));
                }
                head.header(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            return head;
        }

        private void header(String name, String value) throws IOException {
            switch (name) {
                case "retry-after":
                    retryAfter = value;
                    break;
                case "transfer-encoding":
                    // the last coding frames the body; anything but chunked there is read to the end
                    chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
                    contentLength = chunked ? -1 : contentLength;
                    keepAlive &= chunked;
                    break;
                case "content-length":
                    long length = parseLength(value);
                    if (contentLength >= 0 && contentLength != length) {
                        throw new IOException("two different Content-Length headers");
                    }
                    contentLength = chunked ? -1 : length;
                    break;
                case "connection":
                    keepAlive &= !value.toLowerCase(Locale.ROOT).contains("close");
                    break;
                default:
                    break;
            }
        }

        private static long parseLength(String value) throws IOException {
            try {
                long length = Long.parseLong(value);
                if (length >= 0) {
                    return length;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IOException("bad Content-Length " + quote(value));
        }
    }

    /** Keeps the first bytes of a body and reads the rest away. */
    private static final class BodyReader {
        private final InputStream in;
        private final byte[] kept;
        private int keptLength;
        private byte[] discard;

        BodyReader(InputStream in, int keepBytes) {
            this.in = in;
            this.kept = new byte[keepBytes];
        }

        /** Reads the body as the head frames it; false when it ends only with the connection. */
        boolean readAway(Head head, boolean bodyless) throws IOException {
            if (bodyless && head.status < 300 || head.status == 204 || head.status == 304) {
                return true;
            }
            if (head.chunked) {
                chunked();
            } else if (head.contentLength >= 0) {
                fixed(head.contentLength);
            } else {
                untilEnd();
                return false;
            }
            return true;
        }

        void fixed(long length) throws IOException {
            for (long left = length; left > 0; ) {
                int n = readSome((int) Math.min(left, Integer.MAX_VALUE));
                if (n < 0) {
                    throw new IOException("the body ended " + left + " bytes short of its Content-Length");
                }
                left -= n;
            }
        }

        void untilEnd() throws IOException {
            while (readSome(Integer.MAX_VALUE) >= 0) {
                // keeps reading until the receiver closes
            }
        }

        void chunked() throws IOException {
            LineReader lines = new LineReader(in, MAX_HEAD_BYTES);
            while (true) {
                String sizeLine = lines.next();
                int end = sizeLine.indexOf(';');
                long size;
                try {
                    size = Long.parseLong((end < 0 ? sizeLine : sizeLine.substring(0, end)).trim(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("bad chunk size " + quote(sizeLine));
                }
                if (size < 0) {
                    throw new IOException("bad chunk size " + quote(sizeLine));
                }
                if (size == 0) {
                    while (!lines.next().isEmpty()) {
                        // trailers: not used
                    }
                    return;
                }
                fixed(size);
                if (!lines.next().isEmpty()) {
                    throw new IOException("a chunk does not end where its size says");
                }
            }
        }

        private int readSome(int most) throws IOException {
            if (keptLength < kept.length) {
                int n = in.read(kept, keptLength, Math.min(most, kept.length - keptLength));
                keptLength += Math.max(n, 0);
                return n;
            }
            if (discard == null) {
                discard = new byte[4096];
            }
            return in.read(discard, 0, Math.min(most, discard.length));
        }

        String kept() {
            return new String(kept, 0, keptLength, StandardCharsets.UTF_8);
        }
    }

    /** CRLF- (or LF-) ended lines of ISO-8859-1, within a byte budget shared by all of them. */
    private static final class LineReader {
        private final InputStream in;
        private int budget;
        private final StringBuilder line = new StringBuilder();

        LineReader(InputStream in, int budget) {
            this.in = in;
            this.budget = budget;
        }

        String next() throws IOException {
            line.setLength(0);
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException(line.length() == 0 ? "the receiver closed the connection without an answer"
                            : "the answer ended in the middle of a line");
                }
                if (--budget < 0) {
                    throw new IOException("the answer's head is longer than " + MAX_HEAD_BYTES + " bytes");
                }
                if (b == '\n') {
                    int length = line.length();
                    return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
                }
                line.append((char) b);
            }
        }
    }

    private static String quote(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return "\"" + shown + "\"";
    }
}
