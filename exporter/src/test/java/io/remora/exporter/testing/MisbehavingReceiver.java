package io.remora.exporter.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A receiver on loopback that never lets a remote-write exchange finish, in one of the ways real
 * ones fail: it never reads, reads and never answers, sends its answer's head and stalls, or
 * drips its answer a byte at a time. It keeps every connection open until it is closed.
 */
public final class MisbehavingReceiver implements AutoCloseable {

    /** How the receiver misbehaves. */
    public enum Mode {
        /** Accepts the connection and never reads from it (with a small receive buffer, so a large request blocks its writer). */
        NEVER_READS,
        /** Reads the whole request and never answers. */
        NEVER_ANSWERS,
        /** Reads the request, sends a status line and headers promising a body, and stalls. */
        STALLS_AFTER_HEADERS,
        /** Reads the request and sends a 200 answer one byte every {@link #DRIP_MILLIS} ms, without end. */
        DRIPS;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public static final long DRIP_MILLIS = 200;

    private final Mode mode;
    private final ServerSocket server;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    /** Counted down once a connection reaches the point where the mode misbehaves. */
    private final CountDownLatch stuck = new CountDownLatch(1);
    private final Thread acceptor;
    private volatile boolean closed;

    private MisbehavingReceiver(Mode mode, int port) throws IOException {
        this.mode = mode;
        this.server = new ServerSocket();
        server.setReceiveBufferSize(4096); // inherited by accepted sockets: NEVER_READS fills up fast
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        acceptor = new Thread(this::accept, "misbehaving-receiver-" + mode.label());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static MisbehavingReceiver start(Mode mode) {
        return start(mode, 0);
    }

    /** On a given loopback port: one a well-behaved receiver will take over later. */
    public static MisbehavingReceiver start(Mode mode, int port) {
        try {
            return new MisbehavingReceiver(mode, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on loopback", e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + RemoteWriteReceiver.PATH);
    }

    /**
     * Waits until a connection got to where this mode misbehaves: accepted (never reads), its
     * request read (never answers), its head sent (stalls after headers), its first byte sent (drips).
     *
     * @return false if none did within the timeout
     */
    public boolean awaitStuck(long timeout, TimeUnit unit) throws InterruptedException {
        return stuck.await(timeout, unit);
    }

    /** Requests read to their end (never counts for NEVER_READS). */
    public int requestsRead() {
        return requests.get();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                connections.add(socket);
                Thread handler = new Thread(() -> misbehave(socket), "misbehaving-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void misbehave(Socket socket) {
        try {
            if (mode == Mode.NEVER_READS) {
                stuck.countDown();
                return; // the socket stays open, unread, until close()
            }
            readRequest(socket.getInputStream());
            requests.incrementAndGet();
            OutputStream out = socket.getOutputStream();
            if (mode == Mode.STALLS_AFTER_HEADERS) {
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nten bytes.".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } else if (mode == Mode.DRIPS) {
                byte[] answer = "HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
                for (int i = 0; !closed; i++) {
                    out.write(i < answer.length ? answer[i] : 'x');
                    out.flush();
                    stuck.countDown();
                    Thread.sleep(DRIP_MILLIS);
                }
            }
            stuck.countDown();
        } catch (IOException e) {
            // the client gave up and closed: that is what it should do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads a request's head and its Content-Length body. */
    private static void readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before the end of the head");
            }
            head.write(b);
        }
        long length = 0;
        for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        for (long left = length; left > 0; ) {
            long skipped = in.skip(left);
            if (skipped <= 0 && in.read() < 0) {
                throw new IOException("closed before the end of the body");
            }
            left -= Math.max(skipped, 1);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        try {
            acceptor.join(); // no connection is accepted behind the loop below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Socket socket : connections) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
