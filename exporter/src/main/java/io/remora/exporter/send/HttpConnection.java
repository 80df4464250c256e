package io.remora.exporter.send;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 connection to an endpoint, on a socket this class owns, so that {@link #close()}
 * from any thread ends whatever the connection is doing at once: connecting, a TLS handshake, a
 * write the receiver does not read, or a read it never answers. (With {@code HttpURLConnection}
 * the socket is out of reach, and its {@code disconnect()} waits for a read in progress.)
 */
final class HttpConnection {

    private final HttpRoute route;
    /** The TCP socket; a TLS socket is layered over it, and closing this ends both. */
    private final Socket tcp;
    private volatile boolean closed;
    private boolean connected;
    private InputStream in;
    private OutputStream out;
    private long idleSinceNanos;

    HttpConnection(HttpRoute route) {
        this.route = route;
        this.tcp = new Socket(route.socketProxy());
    }

    boolean isConnected() {
        return connected;
    }

    boolean isClosed() {
        return closed;
    }

    /** Connects, through the proxy's tunnel if any, and shakes hands for TLS; each read waits at most {@code timeoutMillis}. */
    void connect(int timeoutMillis) throws IOException {
        tcp.setTcpNoDelay(true);
        tcp.setSoTimeout(timeoutMillis);
        tcp.connect(route.connectAddress(), timeoutMillis);
        streams(tcp);
        if (route.tunnel()) {
            String connect = "CONNECT " + route.authority() + " HTTP/1.1\r\nHost: " + route.authority() + "\r\n\r\n";
            out.write(connect.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            HttpResponse answer = HttpResponse.read(in, 0, true);
            if (answer.status() / 100 != 2) {
                throw new IOException("the proxy refused the tunnel with status " + answer.status());
            }
        }
        if (route.tlsSockets() != null) {
            SSLSocket tls = (SSLSocket) route.tlsSockets().createSocket(tcp, route.host(), route.port(), true);
            if (route.verifyHostName()) {
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(parameters);
            }
            tls.startHandshake();
            streams(tls);
        }
        connected = true;
    }

    private void streams(Socket socket) throws IOException {
        in = new BufferedInputStream(socket.getInputStream());
        out = new BufferedOutputStream(socket.getOutputStream());
    }

    /** Sends the request (its head, then its body) and reads the whole response. */
    HttpResponse exchange(byte[] head, byte[] body, int keepBodyBytes) throws IOException {
        out.write(head);
        out.write(body);
        out.flush();
        return HttpResponse.read(in, keepBodyBytes, false);
    }

    void idleSince(long nanos) {
        idleSinceNanos = nanos;
    }

    long idleSinceNanos() {
        return idleSinceNanos;
    }

    /** Ends the connection now, from any thread; whatever waits on it fails at once. Never blocks. */
    void close() {
        closed = true;
        try {
            tcp.close();
        } catch (IOException e) {
            // closed anyway
        }
    }
}
