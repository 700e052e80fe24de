package dev.tasman.ops.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 GETs on one kept-alive loopback connection, written out by hand: a request costs one write and
 * the reads of its answer, so a poller's resolution is the server's round trip and not a client library's
 * overhead. Sends any Host (the JDK client refuses to), and reads only what the edge and nginx send for a
 * static file: a status line, headers and a Content-Length body.
 */
final class RawHttp implements AutoCloseable {

    record Response(int status, Map<String, String> headers, byte[] body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String host;

    RawHttp(int port, String host) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        socket.setSoTimeout(10_000);
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        out = socket.getOutputStream();
        this.host = host;
    }

    /** GETs {@code path}; {@code extraHeaders} are complete lines without CRLF. The body is kept only if asked. */
    Response get(String path, boolean keepBody, String... extraHeaders) throws IOException {
        StringBuilder request = new StringBuilder(128).append("GET ").append(path).append(" HTTP/1.1\r\nHost: ")
                .append(host).append("\r\n");
        for (String header : extraHeaders) {
            request.append(header).append("\r\n");
        }
        out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        String statusLine = line();
        if (!statusLine.startsWith("HTTP/1.1 ")) {
            throw new IOException("not an HTTP/1.1 answer to GET " + path + ": '" + statusLine + "'");
        }
        Map<String, String> headers = new HashMap<>();
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        String length = headers.get("content-length");
        if (length == null) {
            throw new IOException("GET " + path + " answered without Content-Length (" + statusLine + ", " + headers + ")");
        }
        byte[] body = keepBody ? in.readNBytes(Integer.parseInt(length)) : null;
        if (!keepBody) {
            in.skipNBytes(Long.parseLong(length));
        }
        return new Response(Integer.parseInt(statusLine.substring(9, 12)), headers, body);
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the server closed the connection");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
