package io.remora.it.instrument.app;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/** The applications' client: one request to a loopback server, its body read and dropped. */
public final class HttpCalls {

    private HttpCalls() {
    }

    /** The status, or -1 when the server closed the connection without answering. */
    public static int status(int port, String method, String path) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL("http://127.0.0.1:" + port + path).openConnection();
        connection.setRequestMethod(method);
        if (method.equals("POST")) {
            connection.setDoOutput(true);
            connection.getOutputStream().write("{}".getBytes(StandardCharsets.UTF_8));
        }
        try {
            int status = connection.getResponseCode();
            InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream();
            if (body != null) {
                body.readAllBytes();
                body.close();
            }
            return status;
        } catch (IOException e) {
            return -1;
        } finally {
            connection.disconnect();
        }
    }
}
